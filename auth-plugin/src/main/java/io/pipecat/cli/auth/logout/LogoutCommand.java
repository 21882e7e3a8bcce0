package io.pipecat.cli.auth.logout;

import com.github.rvesse.airline.annotations.Command;
import io.pipecat.cli.auth.EnvironmentTokenNotice;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.credentials.AuthCapabilities;
import io.pipecat.cli.credentials.store.Credentials;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.errors.ExitCode;
import io.pipecat.cli.http.ApiRequest;
import io.pipecat.cli.http.ApiResponse;
import io.pipecat.cli.http.UrlPolicy;
import io.pipecat.cli.spi.CliCommand;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code pipecat cloud auth logout} (docs/behaviour.md#logout): revokes the session server-side when a refresh
 * token is stored, then removes token, refresh token and expiry from the store in use. The active
 * org and every per-org table stay (ours: the official CLI deletes the whole file). A malformed
 * config file is backed up and replaced by a valid one without credentials.
 */
@Command(name = "logout", description = """
        Log out: revoke the session and remove the stored credentials

        EXAMPLES
          $ pipecat cloud auth logout""")
public final class LogoutCommand extends CliCommand {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String REVOKED = "Logged out and session revoked.";
    static final String NOT_CONFIRMED = "Local credentials removed. Server-side revocation could not be confirmed.";
    static final String PAT_REMOVED =
            "User credentials for Pipecat Cloud removed. Please sign out via dashboard " + "to fully revoke session.";
    static final String UNAVAILABLE =
            "Session revocation service is temporarily unavailable. Token will expire " + "within 24 hours.";
    static final String UNREACHABLE = "Could not reach logout endpoint. Token will expire within 24 hours.";

    static final String REMOVED_FROM_MALFORMED = "Local credentials removed. No session was revoked on the server: "
            + "no refresh token could be read from the malformed config file.";

    @Override
    public void run(CommandContext context) {
        Optional<String> malformed = AuthCapabilities.broker(context).prepareReplacement();
        malformed.ifPresent(context::warn);
        // Nothing can be read from a malformed file (the keychain store still reads its item), and
        // no refresh is tried: storing its result would mean writing that file.
        Optional<Credentials> stored =
                malformed.isPresent() ? AuthCapabilities.broker(context).stored() : currentCredentials(context);
        if (stored.isEmpty()) {
            if (malformed.isEmpty()) {
                // With PIPECAT_TOKEN in force the user is not "not logged in": say what is in force.
                // Like gh (whose logout refuses while GH_TOKEN is set), this is a failure (exit 1):
                // the command could not log anyone out.
                if (EnvironmentTokenNotice.inForce(context)) {
                    throw CliException.error(EnvironmentTokenNotice.NOTHING_STORED);
                }
                throw CliException.notLoggedIn();
            }
            // Whatever the file held goes to the backup; the new file has no credentials.
            AuthCapabilities.broker(context).remove();
            context.io().out().println(context.io().outStyle().success(REMOVED_FROM_MALFORMED));
            EnvironmentTokenNotice.warnIfInForce(context, EnvironmentTokenNotice.REMOVED);
            return;
        }
        Credentials credentials = stored.get();
        if (!credentials.hasRefreshToken()) {
            AuthCapabilities.broker(context).remove();
            context.io().out().println(context.io().outStyle().success(PAT_REMOVED));
            context.io().out().println(context.settings().dashboardHost() + "/sign-out");
            EnvironmentTokenNotice.warnIfInForce(context, EnvironmentTokenNotice.REMOVED);
            return;
        }
        boolean revoked = revoke(context, credentials);
        AuthCapabilities.broker(context).remove();
        context.io()
                .out()
                .println(
                        revoked
                                ? context.io().outStyle().success(REVOKED)
                                : context.io().outStyle().warning(NOT_CONFIRMED));
        EnvironmentTokenNotice.warnIfInForce(context, EnvironmentTokenNotice.REMOVED);
    }

    /**
     * The stored credentials, refreshed first when due (a revocation needs a live bearer token).
     * A refresh that fails does not stop the logout: the stored (dead) token is then used as is.
     */
    private static Optional<Credentials> currentCredentials(CommandContext context) {
        Optional<Credentials> stored = AuthCapabilities.broker(context).stored();
        if (stored.isPresent() && stored.get().hasRefreshToken() && !EnvironmentTokenNotice.inForce(context)) {
            try {
                AuthCapabilities.broker(context).requireToken();
                return AuthCapabilities.broker(context).stored();
            } catch (CliException e) {
                if (e.exitCode() != ExitCode.NOT_AUTHENTICATED) {
                    throw e;
                }
            }
        }
        return stored;
    }

    /** @return whether the server confirmed the revocation; warns about a 503 or an unreachable server */
    private static boolean revoke(CommandContext context, Credentials credentials) {
        URI uri = URI.create(
                UrlPolicy.parse(context.settings().apiHost(), "the API host (PIPECAT_API_HOST)") + "/auth/logout");
        String body = ApiResponse.jsonMapper()
                .createObjectNode()
                .put("refresh_token", credentials.refreshToken())
                .toString();
        ApiResponse response;
        try {
            response = context.http()
                    .send(ApiRequest.postJson(uri, body)
                            .withBearer(credentials.token())
                            .withTimeout(TIMEOUT));
        } catch (IOException e) {
            context.warn(UNREACHABLE);
            return false;
        }
        if (response.status() == 503) {
            context.warn(UNAVAILABLE);
            return false;
        }
        return response.isSuccess();
    }
}
