package io.pipecat.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipecat.cli.e2e.CliProcess.Result;
import io.pipecat.cli.testkit.FakeBrowser;
import io.pipecat.cli.testkit.FakePipecatCloud;
import io.pipecat.cli.testkit.RefreshTokenStatus;
import io.pipecat.cli.testkit.Tokens;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main auth paths through the real CLI process against the fake Pipecat Cloud: browser login
 * (a real BROWSER command), headless login (the test opens the printed URL), headless paste,
 * whoami (text and JSON), --show-cli-config, logout, use-pat, refresh, environment precedence.
 */
class AuthEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private FakePipecatCloud fake;
    private CliProcess cli;
    private Path config;

    @BeforeEach
    void start() {
        fake = FakePipecatCloud.start();
        cli = new CliProcess(home).env("PIPECAT_API_HOST", fake.baseUrl());
        config = home.resolve(".config/pipecatcloud/pipecatcloud.toml");
    }

    @AfterEach
    void stop() {
        fake.assertNoUnexpectedRequests();
        fake.close();
    }

    @Test
    void browserLoginThenWhoamiShowConfigAndLogout() throws Exception {
        Result login = cli.env("BROWSER", fakeBrowserCommand()).run("cloud", "auth", "login");
        assertEquals(0, login.exit(), login.err());
        assertTrue(login.out().contains("Authentication successful!"), login.out());
        assertTrue(login.out().contains(config.toString()), "says where it was stored: " + login.out());
        String file = Files.readString(config);
        assertTrue(file.contains("org = \"acme\""), file);
        assertTrue(file.matches("(?s).*token = \"at_.*refresh_token = \"rt_.*token_expires_at = \\d+\\.\\d+.*"), file);
        assertEquals(
                "rw-------",
                java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));

        Result whoami = cli.run("cloud", "auth", "whoami");
        assertEquals(0, whoami.exit(), whoami.err());
        assertEquals("""
                User:                dev@example.com
                Active Organization: Acme Inc. (acme)
                Auth Method:         OAuth
                Token Source:        file
                Daily API Key:       daily_key_acme
                """, whoami.out());

        Result json = cli.run("cloud", "auth", "whoami", "--json");
        JsonNode node = JSON.readTree(json.out());
        assertEquals("dev@example.com", node.path("email").asText());
        assertEquals("acme", node.path("organization").path("name").asText());
        assertEquals("Acme Inc.", node.path("organization").path("verbose_name").asText());
        assertEquals("OAuth", node.path("auth_method").asText());
        assertEquals("file", node.path("token_source").asText());
        assertEquals("daily_key_acme", node.path("daily_api_key").asText());

        String token = fileValue("token");
        Result show = cli.run("cloud", "--show-cli-config");
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().contains(token.substring(0, 8) + "****"), show.out());
        assertFalse(show.out().contains(token), "the token is redacted");
        assertTrue(show.out().contains(fake.baseUrl()) && show.out().contains(config.toString()), show.out());

        String refresh = fileValue("refresh_token");
        Result logout = cli.run("cloud", "auth", "logout");
        assertEquals(0, logout.exit(), logout.err());
        assertTrue(logout.out().contains("Logged out and session revoked."), logout.out());
        assertTrue(fake.isRefreshTokenRevoked(refresh));
        String after = Files.readString(config);
        assertFalse(after.contains("token"), after);
        assertTrue(
                after.contains("org = \"acme\"") && after.contains("[acme]"), "org and its table are kept: " + after);

        Result again = cli.run("cloud", "auth", "whoami");
        assertEquals(4, again.exit());
        assertEquals("You are not logged in. Please run pipecat cloud auth login first.\n", again.err());
    }

    @Test
    void headlessLoginPrintsTheUrlAndWaitsForTheCallback() throws Exception {
        Process login = cli.start("cloud", "auth", "login", "--headless", "--timeout", "30");
        String url = readUrlLine(login);
        assertTrue(
                url.startsWith(fake.issuer().replace("/oauth-issuer", "")) || url.contains("/oauth/authorize?"), url);
        assertTrue(url.contains("?response_type=code&client_id="), url);
        FakeBrowser.Result page = FakeBrowser.open(url);
        assertTrue(page.isSuccess(), page.body());
        assertTrue(login.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, login.exitValue(), new String(login.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(fileValue("token").startsWith("at_"));
    }

    @Test
    void headlessLoginAcceptsThePastedRedirect() throws Exception {
        Process login = cli.start("cloud", "auth", "login", "--headless", "--timeout", "30");
        String url = readUrlLine(login);
        // A browser on another machine: it cannot reach our 127.0.0.1, so the user copies the address.
        HttpResponse<Void> authorize = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
        String redirect = authorize.headers().firstValue("Location").orElseThrow();
        try (OutputStream stdin = login.getOutputStream()) {
            stdin.write((redirect + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(login.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, login.exitValue(), new String(login.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(fileValue("token").startsWith("at_"));
    }

    @Test
    void usePatFromStdinThenWhoami() throws Exception {
        fake.acceptPat("pcc_pat_e2e", "beta");
        Result pat = cli.stdin("pcc_pat_e2e\n").run("cloud", "auth", "use-pat", "-");
        assertEquals(0, pat.exit(), pat.err());
        assertTrue(pat.out().contains("Authenticated via PAT. Active organization: beta"), pat.out());
        assertEquals("pcc_pat_e2e", fileValue("token"));
        assertTrue(Files.readString(config).contains("token_expires_at = 0\n"));

        Result whoami = cli.run("cloud", "auth", "whoami");
        assertTrue(whoami.out().contains("Auth Method:         PAT"), whoami.out());

        Result bad = cli.stdin("nope\n").run("cloud", "auth", "use-pat", "-");
        assertEquals(2, bad.exit());
        assertEquals("Invalid token format. PATs must start with pcc_pat_\n", bad.err());
    }

    @Test
    void anExpiredTokenIsRefreshedAndTheRotatedTokensAreStored() throws Exception {
        Tokens tokens = fake.issueTokens(3600);
        Files.createDirectories(config.getParent());
        Files.writeString(
                config,
                "token = \"" + tokens.accessToken() + "\"\norg = \"acme\"\nrefresh_token = \"" + tokens.refreshToken()
                        + "\"\ntoken_expires_at = 1000.5\n\n[acme]\ndefault_public_key = \"pk_1\"\n");
        Result whoami = cli.run("cloud", "auth", "whoami");
        assertEquals(0, whoami.exit(), whoami.err());
        assertEquals(RefreshTokenStatus.ROTATED, fake.refreshTokenStatus(tokens.refreshToken()));
        assertFalse(fileValue("token").equals(tokens.accessToken()), "the new access token is stored");
        assertTrue(Files.readString(config).contains("default_public_key = \"pk_1\""));
    }

    @Test
    void anEnvironmentTokenWinsAndIsNeverWritten() {
        fake.acceptPat("pcc_pat_env", "acme", "beta");
        Result whoami = cli.env("PIPECAT_TOKEN", "pcc_pat_env")
                .env("PIPECAT_ORG", "beta")
                .run("cloud", "auth", "whoami");
        assertEquals(0, whoami.exit(), whoami.err());
        assertTrue(whoami.out().contains("Active Organization: Beta Labs (beta)"), whoami.out());
        assertTrue(whoami.out().contains("Token Source:        env"), whoami.out());
        assertFalse(Files.exists(config), "nothing is written for an environment token");
    }

    @Test
    void theKeyringStoreWithoutDbusFailsWithExit5BeforeTheBrowser() {
        Result login = cli.env("PIPECAT_CREDENTIAL_STORE", "keyring")
                .env("BROWSER", "false")
                .run("cloud", "auth", "login");
        assertEquals(5, login.exit(), login.err());
        assertTrue(login.err().contains("PIPECAT_CREDENTIAL_STORE=file"), login.err());
        assertTrue(fake.requests("/oauth/token").isEmpty());
        assertEquals("", login.out(), "no URL printed, no browser flow started");
    }

    private String fileValue(String key) throws Exception {
        for (String line : Files.readAllLines(config)) {
            if (line.startsWith(key + " = \"")) {
                return line.substring(key.length() + 4, line.length() - 1);
            }
        }
        throw new AssertionError(key + " not in " + Files.readString(config));
    }

    private static String readUrlLine(Process process) throws Exception {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("http")) {
                return line.trim();
            }
        }
        throw new AssertionError("no URL printed; stderr: "
                + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** A BROWSER command line that runs the test kit's FakeBrowser in its own JVM. */
    static String fakeBrowserCommand() {
        List<String> jars = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(p -> p.contains("testkit") || p.contains("jackson"))
                .collect(Collectors.toList());
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return javaBin + " -p " + String.join(java.io.File.pathSeparator, jars)
                + " -m io.pipecat.cli.testkit/io.pipecat.cli.testkit.FakeBrowser";
    }
}
