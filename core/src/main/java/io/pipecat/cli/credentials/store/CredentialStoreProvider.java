package io.pipecat.cli.credentials.store;

/**
 * The service a credential store module provides. A named factory: the broker picks the provider
 * whose {@link #name()} matches {@code PIPECAT_CREDENTIAL_STORE} (or the persisted choice), or the
 * one that {@link #isDefault() is the default} when nothing was chosen, and only then calls
 * {@link #create}; other providers are never instantiated beyond their constructor.
 */
public interface CredentialStoreProvider {

    /** @return the store's name, e.g. {@code file} or {@code keyring} */
    String name();

    /** @return a one-line description for help and error messages */
    String description();

    /**
     * @return whether this store is used when the user chose none; exactly one provider on the
     *     module path says so
     */
    default boolean isDefault() {
        return false;
    }

    /**
     * Creates the store. Must be cheap: open expensive resources (the keychain) lazily on first
     * use, so that a command that never needs credentials never pays for them.
     *
     * @param context what the store may need to know
     * @return a new store; the caller closes it
     */
    CredentialStore create(StoreContext context);
}
