package io.pipecat.cli.auth.login;

import io.pipecat.cli.auth.orgs.Organization;
import io.pipecat.cli.auth.orgs.OrganizationList;
import io.pipecat.cli.auth.orgs.OrganizationLookup;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.http.ApiResponse;
import io.pipecat.cli.oauth.AuthConfig;
import io.pipecat.cli.oauth.OidcEndpoints;
import io.pipecat.cli.oauth.PipecatOAuthClient;
import io.pipecat.cli.oauth.PkceParameters;
import io.pipecat.cli.oauth.TokenResponse;
import io.pipecat.cli.spi.Credentials;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One login, steps 1–10 of spec §4: auth config and discovery, loopback listener, PKCE, browser
 * (or printed URL), wait for the callback (or a pasted URL in headless mode), code exchange,
 * organization choice, and one save at the very end — so an interrupted login stores nothing.
 */
final class PkceLoginFlow {
    static final String SUCCESS = "Authentication successful!";
    static final String STATE_MISMATCH = "Authentication failed: state mismatch (possible CSRF attack).";
    static final String TIMED_OUT = "Authentication timed out.";
    static final String NO_NAMESPACE = "Account has no associated namespace. Have you completed the onboarding "
            + "process? Please first sign in via the web dashboard.";

    private final CommandContext context;
    private final boolean headless;
    private final Duration timeout;

    PkceLoginFlow(CommandContext context, boolean headless, Duration timeout) {
        this.context = context;
        this.headless = headless;
        this.timeout = timeout;
    }

    void run() throws InterruptedException {
        PipecatOAuthClient client = new PipecatOAuthClient(context.http(), context.settings().apiHost());
        AuthConfig config = client.fetchAuthConfig();
        OidcEndpoints endpoints = client.discover(config);
        PkceParameters pkce = PkceParameters.generate(new SecureRandom());

        CallbackResult callback;
        String redirectUri;
        try (LoopbackCallbackServer server = LoopbackCallbackServer.start(
                result -> result.state().map(pkce.state()::equals).orElse(false))) {
            redirectUri = server.redirectUri();
            URI authorizationUrl = PipecatOAuthClient.authorizationUrl(endpoints, config, redirectUri, pkce);
            CompletableFuture<CallbackResult> settled = server.result();
            showOrOpen(authorizationUrl, settled);
            callback = await(settled);
        }
        if (callback.error().isPresent()) {
            throw CliException.notAuthenticated("Authentication failed: " + callback.error().get()
                    + callback.errorDescription().map(d -> " (" + oneLine(d) + ")").orElse("") + ".");
        }
        if (callback.state().isPresent() && !callback.state().get().equals(pkce.state())) {
            throw CliException.notAuthenticated(STATE_MISMATCH);
        }
        if (callback.code().isEmpty()) {
            throw CliException.notAuthenticated("Authentication failed: the callback carried no authorization code.");
        }
        TokenResponse tokens = client.exchangeCode(endpoints, config, callback.code().get(), redirectUri, pkce.verifier());
        Organization org = chooseOrganization(tokens.accessToken());
        double expiresAt = context.clock().millis() / 1000.0 + tokens.expiresIn();
        String location = context.credentials().save(
                new Credentials(tokens.accessToken(), tokens.refreshToken().orElse(""), expiresAt), org.name());
        context.io().out().println(SUCCESS);
        context.io().out().println("Account details stored in " + location + " (organization: " + org.name() + ").");
    }

    private void showOrOpen(URI authorizationUrl, CompletableFuture<CallbackResult> settled) {
        if (!headless) {
            context.io().err().println("Opening the browser to log in to Pipecat Cloud…");
            if (context.browser().open(authorizationUrl.toString())) {
                return;
            }
            context.io().err().println("Could not open a browser. Open this URL in a browser to log in:");
        } else {
            context.io().err().println("Open this URL in a browser to log in. If that browser cannot reach this "
                    + "machine, paste the URL it is redirected to (or the code) here:");
            PastedRedirectReader.start(context.io().in(), settled);
        }
        context.io().out().println(authorizationUrl);
        context.io().out().flush();
    }

    private CallbackResult await(CompletableFuture<CallbackResult> settled) throws InterruptedException {
        try (WaitingProgress progress = WaitingProgress.startIf(context.io().stderrTerminal(), context.io().err(), timeout)) {
            return settled.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw CliException.notAuthenticated(TIMED_OUT);
        } catch (ExecutionException e) {
            throw CliException.error("Authentication failed: the callback listener broke ("
                    + e.getCause().getClass().getSimpleName() + ").", e.getCause());
        }
    }

    private Organization chooseOrganization(String accessToken) {
        ApiResponse response = OrganizationLookup.fetch(context, accessToken);
        if (response.status() == 401) {
            throw CliException.notAuthenticated("Authentication failed: the API did not accept the new token.");
        }
        if (response.status() != 200) {
            throw CliException.error("Failed to fetch your organizations (" + response.status() + ").");
        }
        OrganizationList orgs = OrganizationList.parse(response);
        return orgs.choose(context.settings().org())
                .orElseThrow(() -> CliException.notAuthenticated(NO_NAMESPACE));
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
