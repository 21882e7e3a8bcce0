package io.pipecat.cli.store.keyring;

import io.pipecat.cli.credentials.store.CredentialStore;
import io.pipecat.cli.credentials.store.CredentialStoreProvider;
import io.pipecat.cli.credentials.store.StoreContext;

/** Provides the {@code keyring} store. Creating it opens nothing: the keychain opens on first use. */
public final class KeyringCredentialStoreProvider implements CredentialStoreProvider {

    @Override
    public String name() {
        return KeyringCredentialStore.NAME;
    }

    @Override
    public String description() {
        return "the OS keychain (macOS Keychain, Windows Credential Manager, Linux Secret Service)";
    }

    @Override
    public CredentialStore create(StoreContext context) {
        return new KeyringCredentialStore(context);
    }
}
