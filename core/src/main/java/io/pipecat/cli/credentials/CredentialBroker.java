package io.pipecat.cli.credentials;

import io.pipecat.cli.credentials.store.Credentials;
import java.util.Optional;

/**
 * The only way to credentials, for the auth plugin alone (see {@link AuthCapabilities}). It applies
 * the precedence {@code PIPECAT_TOKEN} over the store, the store policy
 * ({@code PIPECAT_CREDENTIAL_STORE}, else the persisted choice, else the default store; never a
 * silent fallback from the keychain to plaintext) and token refresh.
 *
 * <p>The store is opened on first use, so commands that need no credentials never touch the
 * keychain. Not thread-safe: one broker serves one command invocation.
 */
public interface CredentialBroker {

    /**
     * The token for an API call: {@code PIPECAT_TOKEN} if set (see
     * {@link ActiveToken#fromEnvironment}: empty or blank counts as unset), else the stored one — refreshed
     * first if it is an OAuth token within 60 s of expiry (the new tokens are stored). The store is
     * read once per invocation: later calls reuse that login (still refreshed when it falls due).
     *
     * @throws io.pipecat.cli.errors.CliException exit 4 when there is no token or a refresh fails,
     *     exit 5 when the store is unavailable
     */
    ActiveToken requireToken();

    /**
     * @return the stored credentials as they are (no refresh, no environment), or empty
     * @throws io.pipecat.cli.errors.CliException exit 5 when the store is unavailable
     */
    Optional<Credentials> stored();

    /** @return the name of the store in use, e.g. {@code file} or {@code keyring} */
    String storeName();

    /**
     * @return why {@link #storeName()} is what it is: {@code from PIPECAT_CREDENTIAL_STORE},
     *     {@code saved in <preferences file>} or {@code default}
     */
    String storeOrigin();

    /**
     * @return where the store in use keeps secrets, for the user: the config file's path, or the
     *     keychain item (service and account) and the file that keeps the organization
     */
    String storeLocation();

    /**
     * For the commands that store a new login or remove one ({@code login}, {@code use-pat},
     * {@code logout}): their save keeps a malformed config file as a backup and writes a new one,
     * so such a file must not stop them. Reads the file now, before the command makes any network
     * call or opens a browser, so that a file nothing could replace fails first and no token the
     * server issues is thrown away. From then on a malformed file reads as empty: none of its
     * values can be trusted.
     *
     * @return the notice to show when the file is malformed (it will be replaced, its contents kept
     *     in a backup); empty when it is valid or does not exist
     * @throws io.pipecat.cli.errors.CliException when the file cannot be used at all (a folder, a
     *     dangling link, no permission, too large): the command must stop
     */
    Optional<String> prepareReplacement();

    /**
     * Fails fast when the store in use cannot be used, so that a login never runs the browser
     * flow only to fail at the end.
     *
     * @throws io.pipecat.cli.errors.CliException exit 5 with the reason and the way out
     */
    void checkStoreAvailable();

    /**
     * Stores a login and makes {@code org} the active organization, in one locked update of the
     * config file (per-org tables and unknown keys are kept). A config file too broken to update
     * is first backed up beside itself, then rewritten; the backup is reported on stderr.
     *
     * @return where the credentials went, for the user (e.g. the file path, or the keychain)
     */
    String save(Credentials credentials, String org);

    /**
     * Removes token, refresh token and expiry from the store in use; keeps {@code org} and every
     * per-org table. A malformed config file is first backed up beside itself, then replaced by a
     * valid one without credentials (nothing of it can be read, so nothing of it is kept); the
     * backup is reported on stderr.
     *
     * @return the credentials that were removed, or empty if none were stored
     */
    Optional<Credentials> remove();

    /**
     * Makes {@code target} the persisted store choice (kept in our own preferences file, never in
     * the shared config file) and moves the stored login there from the store chosen before. The
     * secret is written to the target first, the choice saved next, and only then is the old copy
     * deleted, so a failure part-way never loses it; on success no copy is left behind.
     *
     * <p>Switching away from a store that cannot be reached (a locked keychain, no D-Bus) still
     * succeeds: it is the way out of that store. The login it holds then cannot be moved, and the
     * result says how to remove it by hand. A saved choice that names no known store is simply
     * replaced.
     *
     * @param target the name of a store, e.g. {@code file} or {@code keyring} (case-insensitive)
     * @return what was done
     * @throws io.pipecat.cli.errors.CliException exit 2 when {@code target} names no store (the
     *     message lists them) or {@code PIPECAT_CREDENTIAL_STORE} names another store (it would
     *     override the choice); exit 5 when the target is unavailable
     */
    StoreSwitch moveTo(String target);
}
