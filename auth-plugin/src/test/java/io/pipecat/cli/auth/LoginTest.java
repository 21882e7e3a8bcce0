package io.pipecat.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.testkit.FakeBrowser;
import io.pipecat.cli.testkit.FakePipecatCloud;
import io.pipecat.cli.testkit.Fault;
import io.pipecat.cli.testkit.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pipecat cloud auth login} (docs/behaviour.md#login). Every test here binds the callback ports
 * 8400–8404, as do those of {@link LoginCallbackTest} (which callbacks the listener trusts); JUnit
 * runs the module's test methods and classes one after another.
 */
class LoginTest extends AuthCommandTest {
    private static final String[] LOGIN = {"cloud", "auth", "login", "--timeout", "10"};

    @Test
    void loginStoresTokensAndTheFirstOrganization() {
        AuthCli.Result r = cli.run(LOGIN);

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("Authentication successful!\n"), r.toString());
        assertTrue(r.out().contains("stored in " + cli.configPath()), r.toString());
        String access = fake.issuedTokens().get(0).accessToken();
        String refresh = fake.issuedTokens().get(0).refreshToken();
        String config = cli.config();
        assertTrue(config.contains("token = \"" + access + "\""), config);
        assertTrue(config.contains("refresh_token = \"" + refresh + "\""), config);
        assertTrue(config.contains("token_expires_at = " + (long) (cli.nowSeconds() + 86400)), config);
        assertTrue(config.contains("org = \"acme\""), config);
        assertTrue(config.contains("[acme]"), config);
    }

    @Test
    void authorizationUrlAndTokenRequestCarryTheSpecParametersInOrder() {
        assertEquals(0, cli.run(LOGIN).exit());

        RecordedRequest authorize =
                fake.requests(FakePipecatCloud.AUTHORIZE_PATH).get(0);
        assertEquals(
                List.of(
                        "response_type",
                        "client_id",
                        "redirect_uri",
                        "scope",
                        "code_challenge",
                        "code_challenge_method",
                        "state"),
                authorize.queryParamNames());
        assertEquals("code", authorize.queryParam("response_type").orElseThrow());
        assertEquals(
                FakePipecatCloud.DEFAULT_SCOPES, authorize.queryParam("scope").orElseThrow());
        assertEquals("S256", authorize.queryParam("code_challenge_method").orElseThrow());
        assertTrue(authorize
                .queryParam("redirect_uri")
                .orElseThrow()
                .matches("http://127\\.0\\.0\\.1:840[0-4]/oauth_callback"));
        assertEquals(43, authorize.queryParam("state").orElseThrow().length(), "32 random bytes, base64url");
        assertEquals(List.of(cli.openedUrls().get(0)), cli.openedUrls());
        assertTrue(cli.openedUrls().get(0).startsWith(fake.authorizationEndpoint() + "?response_type=code&"));

        RecordedRequest token = fake.requests(FakePipecatCloud.TOKEN_PATH).get(0);
        assertEquals(
                List.of("grant_type", "code", "redirect_uri", "client_id", "code_verifier"), token.formParamNames());
        assertEquals(86, token.formParam("code_verifier").orElseThrow().length(), "64 random bytes, base64url");
        assertEquals(authorize.queryParam("redirect_uri"), token.formParam("redirect_uri"));
    }

    @Test
    void missingExpiresInMeansOneDay() {
        fake.omitExpiresIn(true);
        assertEquals(0, cli.run(LOGIN).exit());
        assertTrue(cli.config().contains("token_expires_at = " + (long) (cli.nowSeconds() + 86400)), cli.config());
    }

    static Stream<Arguments> orgChoice() {
        return Stream.of(
                Arguments.of("file org in the list is kept", "org = \"beta\"\n", null, "beta"),
                Arguments.of("file org not in the list: first", "org = \"gone\"\n", null, "acme"),
                Arguments.of("PIPECAT_ORG in the list wins over the file", "org = \"acme\"\n", "beta", "beta"),
                Arguments.of("no org anywhere: first", "", null, "acme"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orgChoice")
    void keepsTheCurrentOrgIfTheAccountHasIt(String name, String config, String envOrg, String expected) {
        cli.writeConfig(config + "\n[beta]\ndefault_public_key = \"pk_beta\"\n");
        if (envOrg != null) {
            cli.env("PIPECAT_ORG", envOrg);
        }
        AuthCli.Result r = cli.run(LOGIN);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(cli.config().contains("org = \"" + expected + "\""), cli.config());
        assertTrue(cli.config().contains("default_public_key = \"pk_beta\""), "per-org keys survive: " + cli.config());
    }

    /** Discovery and configuration failures: one line, exit 1, no browser, nothing stored. */
    static Stream<Arguments> discoveryFailures() {
        return Stream.of(
                Arguments.of(
                        "auth config 500",
                        (Consumer<FakePipecatCloud>) f -> f.fault("/auth/config", Fault.status(500)),
                        "Failed to fetch auth configuration (500). Is the API server reachable?"),
                Arguments.of(
                        "auth config 404",
                        (Consumer<FakePipecatCloud>) f -> f.fault("/auth/config", Fault.status(404)),
                        "Failed to fetch auth configuration (404). Is the API server reachable?"),
                Arguments.of(
                        "discovery 500",
                        (Consumer<FakePipecatCloud>) f -> f.fault(f.discoveryPath(), Fault.status(500)),
                        "Failed to fetch the OpenID configuration of the issuer (500)"),
                Arguments.of(
                        "issuer mismatch",
                        (Consumer<FakePipecatCloud>)
                                f -> f.discoveryOverride("issuer", "https://evil.example.com/oauth-issuer"),
                        "OpenID configuration issuer mismatch: expected "),
                Arguments.of(
                        "issuer with a trailing slash is not the same issuer",
                        (Consumer<FakePipecatCloud>) f -> f.discoveryOverride("issuer", f.issuer() + "/"),
                        "OpenID configuration issuer mismatch"),
                Arguments.of(
                        "http authorization endpoint off loopback",
                        (Consumer<FakePipecatCloud>)
                                f -> f.discoveryOverride("authorization_endpoint", "http://auth.example.com/authorize"),
                        "The OpenID configuration's authorization_endpoint (http://auth.example.com/authorize) is not https://"),
                Arguments.of(
                        "http token endpoint off loopback",
                        (Consumer<FakePipecatCloud>)
                                f -> f.discoveryOverride("token_endpoint", "http://auth.example.com/token"),
                        "The OpenID configuration's token_endpoint (http://auth.example.com/token) is not https://"),
                Arguments.of(
                        "no S256",
                        (Consumer<FakePipecatCloud>)
                                f -> f.discoveryOverride("code_challenge_methods_supported", List.of("plain")),
                        "The OAuth issuer does not support PKCE with S256 (code_challenge_methods_supported)."),
                Arguments.of(
                        "no code response type",
                        (Consumer<FakePipecatCloud>)
                                f -> f.discoveryOverride("response_types_supported", List.of("token")),
                        "The OAuth issuer does not support the authorization code flow (response_types_supported)."),
                Arguments.of(
                        "http issuer off loopback",
                        (Consumer<FakePipecatCloud>) f -> f.authConfigOverride("issuer", "http://issuer.example.com"),
                        "The OAuth issuer http://issuer.example.com is not https://"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("discoveryFailures")
    void discoveryFailuresStopBeforeTheBrowser(String name, Consumer<FakePipecatCloud> setup, String message) {
        setup.accept(fake);
        AuthCli.Result r = cli.run(LOGIN);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains(message), r.toString());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertEquals(List.of(), cli.openedUrls());
        assertTrue(fake.requests(FakePipecatCloud.TOKEN_PATH).isEmpty());
        assertEquals("", cli.config());
    }

    @Test
    void listsWithoutS256OrCodeAreOnlyCheckedWhenPresent() {
        fake.discoveryRemove("code_challenge_methods_supported").discoveryRemove("response_types_supported");
        assertEquals(0, cli.run(LOGIN).exit());
    }

    @Test
    void allCallbackPortsBusy() throws IOException {
        List<ServerSocket> taken = new ArrayList<>();
        try {
            for (int port = 8400; port <= 8404; port++) {
                ServerSocket socket = new ServerSocket();
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                taken.add(socket);
            }
            AuthCli.Result r = cli.run(LOGIN);
            assertEquals(1, r.exit(), r.toString());
            assertEquals(
                    "Could not start local auth server on any port (8400-8404). Are these ports all in use?\n",
                    r.err());
            assertEquals(List.of(), cli.openedUrls());
        } finally {
            for (ServerSocket socket : taken) {
                socket.close();
            }
        }
    }

    @Test
    void takesTheNextPortWhenTheFirstIsBusy() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 8400));
            assertEquals(0, cli.run(LOGIN).exit());
            assertEquals(
                    "http://127.0.0.1:8401/oauth_callback",
                    fake.requests(FakePipecatCloud.AUTHORIZE_PATH)
                            .get(0)
                            .queryParam("redirect_uri")
                            .orElseThrow());
        }
    }

    @Test
    void deniedInTheBrowser() {
        fake.authorizeDeny("The user denied the request");
        AuthCli.Result r = cli.run(LOGIN);
        assertEquals(4, r.exit(), r.toString());
        assertTrue(
                r.err().endsWith("Authentication failed: access_denied (The user denied the request).\n"),
                r.toString());
        assertTrue(fake.requests(FakePipecatCloud.TOKEN_PATH).isEmpty());
        assertEquals("", cli.config());
    }

    @Test
    void timesOut() {
        cli.browser(url -> true);
        long started = System.nanoTime();
        AuthCli.Result r = cli.run("cloud", "auth", "login", "--timeout", "1");
        assertEquals(4, r.exit(), r.toString());
        assertTrue(r.err().endsWith("Authentication timed out.\n"), r.toString());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 8000);
        assertEquals("", cli.config());
    }

    @Test
    void progressLineOnATerminalEndsCleanly() {
        cli.browser(url -> true).stderrTerminal(true).env("COLUMNS", "100").env("NO_COLOR", "1");
        AuthCli.Result r = cli.run("cloud", "auth", "login", "--timeout", "1");
        assertEquals(4, r.exit(), r.toString());
        assertTrue(
                Pattern.compile("\\rWaiting for authentication in the browser… \\(\\ds left, Ctrl-C to cancel\\)")
                        .matcher(r.err())
                        .find(),
                r.err());
        Matcher erased =
                Pattern.compile("\\r {20,}\\rAuthentication timed out\\.\\n$").matcher(r.err());
        assertTrue(erased.find(), "the progress line is erased before the next message: " + r.err());
    }

    @Test
    void noProgressLineWhenStderrIsNotATerminal() {
        cli.browser(url -> true);
        AuthCli.Result r = cli.run("cloud", "auth", "login", "--timeout", "1");
        assertFalse(r.err().contains("Waiting for authentication"), r.err());
        assertFalse(r.err().contains("\r"), r.err());
    }

    @Test
    void tokenEndpointError() {
        fake.fault(
                FakePipecatCloud.TOKEN_PATH,
                Fault.status(400, "{\"error\":\"invalid_grant\",\"error_description\":\"code expired\"}"));
        AuthCli.Result r = cli.run(LOGIN);
        assertEquals(4, r.exit(), r.toString());
        assertTrue(
                r.err()
                        .endsWith(
                                "Authentication failed: the token endpoint answered 400 (invalid_grant: code expired).\n"),
                r.toString());
        assertEquals("", cli.config());
    }

    @Test
    void accountWithoutOrganizations() {
        fake.noOrganizations();
        AuthCli.Result r = cli.run(LOGIN);
        assertEquals(4, r.exit(), r.toString());
        assertTrue(
                r.err()
                        .endsWith("Account has no associated namespace. Have you completed the onboarding process? "
                                + "Please first sign in via the web dashboard.\n"),
                r.toString());
        assertEquals("", cli.config(), "nothing is stored");
    }

    @Test
    void anUnavailableStoreFailsBeforeAnyRequestOrBrowser() {
        cli.env("PIPECAT_CREDENTIAL_STORE", LockedStoreProvider.NAME);
        AuthCli.Result r = cli.run(LOGIN);
        assertEquals(5, r.exit(), r.toString());
        assertEquals(LockedStoreProvider.MESSAGE + "\n", r.err());
        assertEquals(List.of(), fake.requests());
        assertEquals(List.of(), cli.openedUrls());
    }

    @Test
    void browserThatCannotStartPrintsTheUrlOnItsOwnLine() throws Exception {
        CompletableFuture<FakeBrowser.Result> visited = new CompletableFuture<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cli.browser(url -> {
            // The user copies the printed URL into a browser by hand.
            new Thread(() -> visited.complete(visitPrintedUrl(out))).start();
            return false;
        });
        AuthCli.Result r = cli.run(out, LOGIN);
        assertEquals(0, r.exit(), r.toString());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith(fake.authorizationEndpoint() + "?"), r.toString());
        assertEquals("Authentication successful!", lines[1]);
        assertTrue(r.err().contains("Could not open a browser"), r.toString());
        assertTrue(visited.get(5, TimeUnit.SECONDS).isSuccess());
        assertTrue(visited.get().body().contains("Authentication successful"), "the browser page says so");
    }

    @Test
    void headlessNeverLaunchesABrowserAndAcceptsAPastedRedirectUrl() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        cli.stdin(new PipedInputStream(typing));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<AuthCli.Result> running =
                CompletableFuture.supplyAsync(() -> cli.run(out, "cloud", "auth", "login", "-h", "--timeout", "10"));
        String redirect = redirectOf(awaitPrintedUrl(out));
        typing.write((redirect + "\n").getBytes(StandardCharsets.UTF_8));
        typing.flush();
        AuthCli.Result r = running.get(10, TimeUnit.SECONDS);
        typing.close();

        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of(), cli.openedUrls(), "headless never launches anything");
        assertTrue(r.out().contains("Authentication successful!"), r.toString());
        assertTrue(
                cli.config().contains("token = \"" + fake.issuedTokens().get(0).accessToken() + "\""));
    }

    private static final Pattern URL_LINE = Pattern.compile("(?m)^(http://\\S+)$");

    private static String awaitPrintedUrl(ByteArrayOutputStream out) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            Matcher m = URL_LINE.matcher(out.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no URL printed on stdout: " + out);
    }

    private static FakeBrowser.Result visitPrintedUrl(ByteArrayOutputStream out) {
        try {
            return FakeBrowser.open(awaitPrintedUrl(out));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a browser on another machine would show in its address bar: the authorize redirect's target. */
    private static String redirectOf(String authorizationUrl) throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection) URI.create(authorizationUrl).toURL().openConnection();
        connection.setInstanceFollowRedirects(false);
        try {
            assertEquals(302, connection.getResponseCode());
            String location = connection.getHeaderField("Location");
            assertFalse(location == null || location.isEmpty());
            return location;
        } finally {
            connection.disconnect();
        }
    }
}
