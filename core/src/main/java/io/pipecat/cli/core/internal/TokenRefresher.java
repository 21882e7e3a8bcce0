package io.pipecat.cli.core.internal;

import io.pipecat.cli.spi.Credentials;

/**
 * Exchanges a refresh token for new tokens. Only the exchange: when to refresh is asked through
 * {@link #isDue}, and the broker does the locking, the re-read under the lock, the reservation of
 * space and the storing, so that one process refreshes while the others wait and reuse its result.
 */
public interface TokenRefresher {

    /**
     * @param credentials stored credentials
     * @return whether they must be refreshed before use now (an OAuth token with a refresh token,
     *     at or near its expiry); never true for a PAT
     */
    boolean isDue(Credentials credentials);

    /**
     * Sends the refresh grant. Stores nothing: the caller stores the result. With an issuer that
     * rotates refresh tokens, the old refresh token is dead once this returns.
     *
     * @param credentials credentials for which {@link #isDue} is true
     * @return the new credentials (the old refresh token kept when none came back)
     * @throws io.pipecat.cli.errors.CliException exit 4 when the refresh fails (exit 130 when
     *     interrupted)
     */
    Credentials refresh(Credentials credentials);
}
