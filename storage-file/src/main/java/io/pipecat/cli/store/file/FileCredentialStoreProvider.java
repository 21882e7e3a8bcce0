package io.pipecat.cli.store.file;

import io.pipecat.cli.credentials.store.CredentialStore;
import io.pipecat.cli.credentials.store.CredentialStoreProvider;
import io.pipecat.cli.credentials.store.StoreContext;

/** Provides the {@code file} store: the default, as in the official CLI. */
public final class FileCredentialStoreProvider implements CredentialStoreProvider {

    @Override
    public String name() {
        return TomlCredentialFile.NAME;
    }

    @Override
    public String description() {
        return "the config file (plaintext, mode 0600), shared with the official CLI";
    }

    /** The official CLI keeps the login in the config file; so does this one unless told otherwise. */
    @Override
    public boolean isDefault() {
        return true;
    }

    @Override
    public CredentialStore create(StoreContext context) {
        return new TomlCredentialFile();
    }
}
