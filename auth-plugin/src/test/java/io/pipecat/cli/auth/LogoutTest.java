package io.pipecat.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipecat.cli.testkit.FakePipecatCloud;
import io.pipecat.cli.testkit.Fault;
import io.pipecat.cli.testkit.RecordedRequest;
import io.pipecat.cli.testkit.Tokens;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code pipecat cloud auth logout} (docs/behaviour.md#logout). */
class LogoutTest extends AuthCommandTest {
    private static final String[] LOGOUT = {"cloud", "auth", "logout"};

    Tokens login;

    @BeforeEach
    void setUp() {
        login = fake.issueTokens();
    }

    @Test
    void revokesTheSessionAndKeepsOrgAndOrgTables() throws Exception {
        cli.writeConfig(Logins.oauth(login, 3600, "acme"));
        AuthCli.Result r = cli.run(LOGOUT);

        assertEquals(0, r.exit(), r.toString());
        assertEquals("Logged out and session revoked.\n", r.out());
        assertEquals("", r.err());
        RecordedRequest request = fake.requests(FakePipecatCloud.LOGOUT_PATH).get(0);
        assertEquals(login.accessToken(), request.bearerToken());
        assertEquals(
                login.refreshToken(),
                new ObjectMapper().readTree(request.body()).get("refresh_token").asText());
        assertTrue(fake.isRefreshTokenRevoked(login.refreshToken()));
        assertCredentialsGoneButOrgKept();
    }

    static Stream<Arguments> unconfirmed() {
        return Stream.of(
                Arguments.of(
                        "503",
                        Fault.status(503),
                        "Warning: Session revocation service is temporarily unavailable. Token will expire within 24 hours.\n"),
                Arguments.of(
                        "unreachable",
                        Fault.dropConnection().always(),
                        "Warning: Could not reach logout endpoint. Token will expire within 24 hours.\n"),
                Arguments.of("500", Fault.status(500), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unconfirmed")
    void removesLocalCredentialsWhenRevocationIsNotConfirmed(String name, Fault fault, String warning) {
        fake.fault(FakePipecatCloud.LOGOUT_PATH, fault);
        cli.writeConfig(Logins.oauth(login, 3600, "acme"));
        AuthCli.Result r = cli.run(LOGOUT);

        assertEquals(0, r.exit(), r.toString());
        assertEquals(warning, r.err());
        assertEquals("Local credentials removed. Server-side revocation could not be confirmed.\n", r.out());
        assertFalse(fake.isRefreshTokenRevoked(login.refreshToken()));
        assertCredentialsGoneButOrgKept();
    }

    @Test
    void logoutTimeoutIsTenSeconds() {
        fake.fault(FakePipecatCloud.LOGOUT_PATH, Fault.delay(java.time.Duration.ofSeconds(11)));
        cli.writeConfig(Logins.oauth(login, 3600, "acme"));
        long started = System.nanoTime();
        AuthCli.Result r = cli.run(LOGOUT);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(0, r.exit(), r.toString());
        assertTrue(millis >= 9_500 && millis < 11_000, "gave up after " + millis + " ms");
        assertEquals("Warning: Could not reach logout endpoint. Token will expire within 24 hours.\n", r.err());
    }

    @Test
    void patLogoutPointsToTheDashboard() {
        cli.writeConfig(Logins.pat("pcc_pat_abc", "acme"));
        cli.env("PIPECAT_DASHBOARD_HOST", "https://dash.example.com/");
        AuthCli.Result r = cli.run(LOGOUT);

        assertEquals(0, r.exit(), r.toString());
        assertEquals(
                "User credentials for Pipecat Cloud removed. Please sign out via dashboard to fully revoke session.\n"
                        + "https://dash.example.com/sign-out\n",
                r.out());
        assertTrue(fake.requests(FakePipecatCloud.LOGOUT_PATH).isEmpty(), "no revocation call without a refresh token");
        assertCredentialsGoneButOrgKept();
    }

    @Test
    void notLoggedIn() {
        cli.writeConfig("org = \"acme\"\n");
        AuthCli.Result r = cli.run(LOGOUT);
        assertEquals(4, r.exit(), r.toString());
        assertEquals("You are not logged in. Please run pipecat cloud auth login first.\n", r.err());
        assertTrue(fake.requests().isEmpty());
    }

    @Test
    void anExpiredTokenIsRefreshedSoTheRevocationCanBeAuthenticated() {
        cli.writeConfig(Logins.oauth(login, -10, "acme"));
        AuthCli.Result r = cli.run(LOGOUT);
        assertEquals(0, r.exit(), r.toString());
        assertEquals("Logged out and session revoked.\n", r.out());
        Tokens rotated = fake.issuedTokens().get(1);
        assertTrue(fake.isRefreshTokenRevoked(rotated.refreshToken()));
        assertCredentialsGoneButOrgKept();
    }

    private void assertCredentialsGoneButOrgKept() {
        String config = cli.config();
        assertFalse(config.contains("token"), config);
        assertTrue(config.contains("org = \"acme\""), config);
        assertTrue(config.contains("[acme]") && config.contains("default_public_key = \"pk_acme\""), config);
    }
}
