package io.pipecat.cli.auth.login;

import io.pipecat.cli.auth.account.ApiAnswers;
import io.pipecat.cli.auth.oauth.AuthConfig;
import io.pipecat.cli.auth.oauth.OidcEndpoints;
import io.pipecat.cli.auth.oauth.PipecatOAuthClient;
import io.pipecat.cli.auth.oauth.PkceParameters;
import io.pipecat.cli.auth.oauth.TokenResponse;
import io.pipecat.cli.auth.orgs.Organization;
import io.pipecat.cli.auth.orgs.OrganizationList;
import io.pipecat.cli.auth.orgs.OrganizationLookup;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.credentials.AuthCapabilities;
import io.pipecat.cli.credentials.store.Credentials;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.http.ApiResponse;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One login, steps 1–10 of docs/behaviour.md#login: auth config and discovery, loopback listener, PKCE, browser
 * (or printed URL), wait for the callback (or a pasted URL when the URL was printed), code exchange,
 * organization choice, and one save at the very end — so an interrupted login stores nothing.
 */
final class PkceLoginFlow {
    static final String SUCCESS = "Authentication successful!";
    static final String TIMED_OUT = "Authentication timed out.";
    static final String NO_NAMESPACE = "Account has no associated namespace. Have you completed the onboarding "
            + "process? Please first sign in via the web dashboard.";

    private final CommandContext context;
    private final boolean headless;
    private final Duration timeout;
    /** The progress line while waiting for the callback, if any; refused callbacks are reported above it. */
    private volatile WaitingProgress progress;

    PkceLoginFlow(CommandContext context, boolean headless, Duration timeout) {
        this.context = context;
        this.headless = headless;
        this.timeout = timeout;
    }

    void run() throws InterruptedException {
        PipecatOAuthClient client =
                new PipecatOAuthClient(context.http(), context.settings().apiHost());
        AuthConfig config = client.fetchAuthConfig();
        OidcEndpoints endpoints = client.discover(config);
        PkceParameters pkce = PkceParameters.generate(new SecureRandom());

        CallbackResult callback;
        String redirectUri;
        CallbackGate gate = new CallbackGate(pkce.state(), this::warn);
        try (LoopbackCallbackServer server = LoopbackCallbackServer.start(gate)) {
            redirectUri = server.redirectUri();
            URI authorizationUrl = PipecatOAuthClient.authorizationUrl(endpoints, config, redirectUri, pkce);
            boolean pasteAccepted = showOrOpen(authorizationUrl);
            callback = await(gate, pasteAccepted);
        }
        if (callback.error().isPresent()) {
            // Both come from whoever holds this login's state (normally the issuer, via the
            // browser): outside text, so no control characters and a bounded length.
            throw CliException.notAuthenticated(
                    "Authentication failed: " + forTerminal(callback.error().get(), 100)
                            + callback.errorDescription()
                                    .map(d -> " (" + forTerminal(d, 300) + ")")
                                    .orElse("") + ".");
        }
        // The gate settles only with an error or a code.
        TokenResponse tokens =
                client.exchangeCode(endpoints, config, callback.code().orElseThrow(), redirectUri, pkce.verifier());
        Organization org = chooseOrganization(tokens.accessToken());
        double expiresAt = context.clock().millis() / 1000.0 + tokens.expiresIn();
        String location = AuthCapabilities.broker(context)
                .save(
                        new Credentials(
                                tokens.accessToken(), tokens.refreshToken().orElse(""), expiresAt),
                        org.name());
        context.io().out().println(context.io().outStyle().success(SUCCESS));
        context.io().out().println("Account details stored in " + location + " (organization: " + org.name() + ").");
    }

    /**
     * Opens the browser, or prints the URL when there is none to open (headless, or the opener
     * failed: no display over SSH, no opener, a {@code BROWSER} that does not run).
     *
     * @return whether a pasted address is accepted: whenever the URL was printed rather than opened
     */
    private boolean showOrOpen(URI authorizationUrl) {
        if (!headless) {
            context.io().err().println("Opening the browser to log in to Pipecat Cloud…");
            if (context.browser().open(authorizationUrl.toString())) {
                return false;
            }
            context.io()
                    .err()
                    .println(context.io()
                            .errStyle()
                            .warning("Could not open a browser here, so this login goes on as with --headless "
                                    + "(pass --headless to skip the browser next time)."));
        }
        context.io()
                .err()
                .println("Open this URL in a browser to log in. If that browser cannot reach this "
                        + "machine, paste the URL it is redirected to (or the code) here:");
        context.io().out().println(authorizationUrl);
        context.io().out().flush();
        return true;
    }

    private CallbackResult await(CallbackGate gate, boolean pasteAccepted) throws InterruptedException {
        LocalTime now = LocalTime.now(context.clock().withZone(ZoneId.systemDefault()));
        try (WaitingProgress progress = WaitingProgress.start(
                context.io(),
                context.env(),
                timeout,
                now,
                pasteAccepted && context.io().stdinTerminal())) {
            this.progress = progress;
            if (pasteAccepted) {
                PastedRedirectReader.start(context.io().in(), gate, progress);
            }
            return gate.settled().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            int refused = gate.refused();
            throw CliException.notAuthenticated(TIMED_OUT
                    + (refused == 0
                            ? ""
                            : refused == 1
                                    ? " 1 callback with a wrong or missing state was ignored."
                                    : " " + refused + " callbacks with a wrong or missing state were ignored."));
        } catch (ExecutionException e) {
            throw CliException.error(
                    "Authentication failed: the callback listener broke ("
                            + e.getCause().getClass().getSimpleName() + ").",
                    e.getCause());
        } finally {
            this.progress = null;
        }
    }

    /** A line on stderr while waiting (a refused callback), above the progress line when there is one. */
    private void warn(String line) {
        WaitingProgress current = progress;
        if (current != null) {
            current.println(line);
        } else {
            context.io().err().println(line);
        }
    }

    private Organization chooseOrganization(String accessToken) {
        ApiResponse response = OrganizationLookup.fetch(context, accessToken);
        if (response.status() == 401) {
            throw CliException.notAuthenticated("Authentication failed: the API did not accept the new token.");
        }
        OrganizationList orgs = OrganizationList.parse(ApiAnswers.requireOk(response, "your organizations"));
        return orgs.choose(context.settings().org()).orElseThrow(() -> CliException.notAuthenticated(NO_NAMESPACE));
    }

    /**
     * Outside text made safe for a terminal: whitespace runs become one space; control characters
     * (C0, DEL, C1: the escape sequences a web page could send) and invisible format characters
     * (bidirectional overrides that reorder what the reader sees) are dropped; at most {@code max}
     * characters are kept.
     */
    private static String forTerminal(String text, int max) {
        StringBuilder clean = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                if (clean.length() > 0 && clean.charAt(clean.length() - 1) != ' ') {
                    clean.append(' ');
                }
            } else {
                int type = Character.getType(c);
                if (type != Character.CONTROL && type != Character.FORMAT) {
                    clean.appendCodePoint(c);
                }
            }
        });
        String line = clean.toString().strip();
        return line.codePointCount(0, line.length()) > max
                ? line.substring(0, line.offsetByCodePoints(0, max)) + "…"
                : line;
    }
}
