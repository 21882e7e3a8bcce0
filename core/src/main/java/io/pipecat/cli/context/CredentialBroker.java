package io.pipecat.cli.context;

import io.pipecat.cli.spi.Credentials;
import java.util.Optional;

/**
 * The only way a command reaches credentials. It applies the precedence of spec §2
 * ({@code PIPECAT_TOKEN} over the store), the store policy ({@code PIPECAT_CREDENTIAL_STORE} or the
 * persisted choice; never a silent fallback from the keychain to plaintext) and token refresh.
 *
 * <p>The store is opened on first use, so commands that need no credentials never touch the
 * keychain. Not thread-safe: one broker serves one command invocation.
 */
public interface CredentialBroker {

    /**
     * The token for an API call: {@code PIPECAT_TOKEN} if set, else the stored one — refreshed
     * first if it is an OAuth token within 60 s of expiry (the new tokens are stored).
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

    /** @return the name of the store in use: {@code file} or {@code keyring} */
    String storeName();

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
     * Moves the stored login (if any) to the store named {@code target} and makes that store the
     * persisted choice (kept in our own preferences file, never in the shared config file). The
     * secret is written to the target first, the choice saved next, and only then is the old copy
     * deleted, so a failure part-way never loses it; on success no copy is left behind.
     *
     * @param target {@code file} or {@code keyring}
     * @return whether a login was moved (false: only the choice changed)
     * @throws io.pipecat.cli.errors.CliException exit 2 when {@code PIPECAT_CREDENTIAL_STORE} is set
     *     (it would override the choice) or the name is unknown; exit 5 when the target is unavailable
     */
    boolean moveTo(String target);
}
