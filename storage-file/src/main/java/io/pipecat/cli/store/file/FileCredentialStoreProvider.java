package io.pipecat.cli.store.file;

import io.pipecat.cli.spi.CredentialStore;
import io.pipecat.cli.spi.CredentialStoreProvider;
import io.pipecat.cli.spi.StoreContext;

/** Provides the {@code file} store. */
public final class FileCredentialStoreProvider implements CredentialStoreProvider {

    @Override
    public String name() {
        return TomlCredentialFile.NAME;
    }

    @Override
    public String description() {
        return "the config file (plaintext, mode 0600), shared with the official CLI";
    }

    @Override
    public CredentialStore create(StoreContext context) {
        return new TomlCredentialFile();
    }
}
