package io.pipecat.cli.auth;

import io.pipecat.cli.config.TomlDocument;
import io.pipecat.cli.context.TokenSource;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.spi.CredentialStore;
import io.pipecat.cli.spi.CredentialStoreProvider;
import io.pipecat.cli.spi.Credentials;
import io.pipecat.cli.spi.StoreContext;
import java.util.Optional;

/** A credential store that is always unavailable, like a locked keychain (exit 5). */
final class LockedStoreProvider implements CredentialStoreProvider {
    static final String NAME = "locked";
    static final String MESSAGE = "The test keychain is locked. Use PIPECAT_CREDENTIAL_STORE=file.";

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
            public TokenSource tokenSource() {
                return TokenSource.KEYRING;
            }

            @Override
            public void checkAvailable() {
                throw CliException.storeUnavailable(MESSAGE, null);
            }

            @Override
            public Optional<Credentials> read(TomlDocument config) {
                throw CliException.storeUnavailable(MESSAGE, null);
            }

            @Override
            public void write(TomlDocument config, Credentials credentials) {
                throw CliException.storeUnavailable(MESSAGE, null);
            }

            @Override
            public boolean delete(TomlDocument config) {
                throw CliException.storeUnavailable(MESSAGE, null);
            }

            @Override
            public String describeLocation(String configFileDescription) {
                return "nowhere";
            }
        };
    }
}
