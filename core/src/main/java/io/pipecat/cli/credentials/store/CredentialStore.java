package io.pipecat.cli.credentials.store;

import java.util.Optional;

/**
 * Where the secrets of a login live. The config file is always there (it holds {@code org} and the
 * per-org tables whatever the store), so every method receives its secret keys as
 * {@link ConfigSecrets}: {@link #read} a snapshot, {@link #write}/{@link #delete} the keys of a
 * locked read-modify-write that the broker writes back atomically after the call returns. A store
 * that keeps secrets elsewhere (the keychain) must remove any plaintext secret in {@link #write}.
 *
 * <p>Created once per process by its {@link CredentialStoreProvider} and used from one thread;
 * {@link #close()} is called before the process exits. Every failure of the backing store becomes
 * a {@link io.pipecat.cli.errors.CliException} with exit code 5 whose message names the problem
 * and the way out (another store) — and never a secret.
 */
public interface CredentialStore extends AutoCloseable {

    /**
     * @return the store's name, as in {@code PIPECAT_CREDENTIAL_STORE}; also reported as the source
     *     of a token read from it
     */
    String name();

    /**
     * Probes the backing store (cheaply) so a login can fail before its browser flow.
     *
     * @throws io.pipecat.cli.errors.CliException exit 5 when unusable
     */
    void checkAvailable();

    /**
     * @param file the secret keys of the current config file (read-only use)
     * @return the stored credentials, or empty when none are stored
     */
    Optional<Credentials> read(ConfigSecrets file);

    /**
     * Stores {@code credentials}, replacing what was stored.
     *
     * @param file the secret keys of the config file being updated; written back after this returns
     */
    void write(ConfigSecrets file, Credentials credentials);

    /**
     * Removes the stored credentials (token, refresh token, expiry), nothing else.
     *
     * @param file the secret keys of the config file being updated; written back after this returns
     * @return whether anything was removed
     */
    boolean delete(ConfigSecrets file);

    /**
     * @param configFileDescription the config file's path as shown to the user
     * @return where this store keeps secrets, for messages such as "stored in …"
     */
    String describeLocation(String configFileDescription);

    /**
     * For when this store cannot be reached and the user switches to another one: how to remove the
     * stored credentials by hand later, e.g. {@code secret-tool clear service pipecat-cli account
     * https://api.pipecat.daily.co}. Must not contact the backing store, and never holds a secret.
     *
     * @return a command line or short instruction, or empty when there is nothing to add (the
     *     default: a store whose secrets live in the config file needs no such advice)
     */
    default Optional<String> manualRemoval() {
        return Optional.empty();
    }

    /** Releases the backing store (e.g. closes the D-Bus connection). Idempotent; never throws. */
    @Override
    default void close() {}
}
