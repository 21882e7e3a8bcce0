package io.pipecat.cli.auth.oauth;

import io.pipecat.cli.credentials.TokenRefresher;
import io.pipecat.cli.credentials.store.Credentials;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.errors.ExitCode;
import io.pipecat.cli.http.HttpTransport;
import java.time.Clock;

/**
 * The auth plugin's {@link TokenRefresher}, which the core's credential broker loads as a service.
 * An OAuth token (not a PAT) with a stored refresh token is due when
 * {@code now > token_expires_at - 60}. A refresh re-discovers the issuer and sends the
 * {@code refresh_token} grant; the result is the new access token, the new refresh token (or the
 * old one when none came back) and the new expiry, for the broker to store.
 *
 * <p>A refusal by the token endpoint is exit 4 (the session expired: log in again; a dead token is
 * never sent); a server that could not be asked is exit 1 and the stored login stays as it was.
 */
public final class OAuthTokenRefresher implements TokenRefresher {
    /** Refresh this many seconds before the stored expiry. */
    public static final double MARGIN_SECONDS = 60;

    @Override
    public boolean isDue(Credentials credentials, Clock clock) {
        double now = clock.millis() / 1000.0;
        return !credentials.isPat() && credentials.hasRefreshToken() && now > credentials.expiresAt() - MARGIN_SECONDS;
    }

    @Override
    public Credentials refresh(Credentials credentials, HttpTransport transport, String apiHost, Clock clock) {
        TokenResponse response;
        try {
            PipecatOAuthClient client = new PipecatOAuthClient(transport, apiHost);
            AuthConfig config = client.fetchAuthConfig();
            OidcEndpoints endpoints = client.discover(config);
            response = client.refresh(endpoints, config, credentials.refreshToken());
        } catch (CliException e) {
            // A usage error (bad PIPECAT_API_HOST or PIPECAT_HTTP_TIMEOUT) is the user's to fix, not a dead session.
            if (e.exitCode() == ExitCode.INTERRUPTED || e.exitCode() == ExitCode.USAGE) {
                throw e;
            }
            String reason =
                    Redaction.scrub(stripPeriod(e.getMessage()), credentials.token(), credentials.refreshToken());
            if (e.exitCode() != ExitCode.NOT_AUTHENTICATED) {
                // The server was not reached or did not answer properly (network, deadline, 5xx,
                // discovery): the refresh token was not spent and the stored login still works later.
                throw new CliException(
                        ExitCode.ERROR,
                        "Could not refresh your session (" + reason + "). Your stored login is unchanged; try again.",
                        e);
            }
            throw new CliException(
                    ExitCode.NOT_AUTHENTICATED,
                    "Your session expired and could not be refreshed (" + reason
                            + "). Please run pipecat cloud auth login.",
                    e);
        }
        return new Credentials(
                response.accessToken(),
                response.refreshToken().orElse(credentials.refreshToken()),
                clock.millis() / 1000.0 + response.expiresIn());
    }

    private static String stripPeriod(String message) {
        String text = message.replaceAll("\\s+", " ").trim();
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
