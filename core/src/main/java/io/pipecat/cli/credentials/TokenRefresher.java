package io.pipecat.cli.credentials;

import io.pipecat.cli.credentials.store.Credentials;
import io.pipecat.cli.http.HttpTransport;
import java.time.Clock;

/**
 * Exchanges a refresh token for new tokens: the service the auth plugin provides (it holds the
 * OAuth client) and the core's credential broker loads. Only the exchange: when to refresh is
 * asked through {@link #isDue}, and the broker does the locking, the re-read under the lock, the
 * reservation of space and the storing, so that one process refreshes while the others wait and
 * reuse its result. Without a provider, stored tokens are used as they are.
 */
public interface TokenRefresher {

    /**
     * @param credentials stored credentials
     * @param clock       the invocation's clock
     * @return whether they must be refreshed before use now (an OAuth token with a refresh token,
     *     at or near its expiry); never true for a PAT
     */
    boolean isDue(Credentials credentials, Clock clock);

    /**
     * Sends the refresh grant. Stores nothing: the caller stores the result. With an issuer that
     * rotates refresh tokens, the old refresh token is dead once this returns.
     *
     * @param credentials credentials for which {@link #isDue} is true
     * @param transport   the invocation's HTTP transport
     * @param apiHost     the API base URL in use
     * @param clock       the invocation's clock (the new expiry counts from it)
     * @return the new credentials (the old refresh token kept when none came back)
     * @throws io.pipecat.cli.errors.CliException exit 4 when the issuer refuses the refresh token,
     *     exit 1 when it could not be asked (the stored login is then unchanged), exit 130 when
     *     interrupted
     */
    Credentials refresh(Credentials credentials, HttpTransport transport, String apiHost, Clock clock);
}
