package io.pipecat.cli.auth;

import io.pipecat.cli.credentials.store.ConfigSecrets;
import io.pipecat.cli.credentials.store.CredentialStore;
import io.pipecat.cli.credentials.store.CredentialStoreProvider;
import io.pipecat.cli.credentials.store.Credentials;
import io.pipecat.cli.credentials.store.StoreContext;
import io.pipecat.cli.errors.CliException;
import java.util.Optional;

/** A credential store that is always unavailable, like a locked keychain (exit 5). */
final class LockedStoreProvider implements CredentialStoreProvider {
    static final String NAME = "locked";
    static final String MESSAGE = "The test keychain is locked. Use PIPECAT_CREDENTIAL_STORE=file.";
    static final String MANUAL_REMOVAL = "locked-tool clear service pipecat-cli";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "always locked (tests)";
    }

    @Override
    public CredentialStore create(StoreContext context) {
        return new CredentialStore() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public void checkAvailable() {
                throw CliException.storeUnavailable(MESSAGE, null);
            }

            @Override
            public Optional<Credentials> read(ConfigSecrets file) {
                throw CliException.storeUnavailable(MESSAGE, null);
            }

            @Override
            public void write(ConfigSecrets file, Credentials credentials) {
                throw CliException.storeUnavailable(MESSAGE, null);
            }

            @Override
            public boolean delete(ConfigSecrets file) {
                throw CliException.storeUnavailable(MESSAGE, null);
            }

            @Override
            public String describeLocation(String configFileDescription) {
                return "nowhere";
            }

            @Override
            public Optional<String> manualRemoval() {
                return Optional.of(MANUAL_REMOVAL);
            }
        };
    }
}
