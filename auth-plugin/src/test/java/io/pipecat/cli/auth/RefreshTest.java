package io.pipecat.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.testkit.FakePipecatCloud;
import io.pipecat.cli.testkit.Fault;
import io.pipecat.cli.testkit.RecordedRequest;
import io.pipecat.cli.testkit.RefreshTokenStatus;
import io.pipecat.cli.testkit.Tokens;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Token refresh in the core, seen through {@code whoami} with a fixed clock (docs/behaviour.md#refresh). */
class RefreshTest extends AuthCommandTest {
    private static final String[] WHOAMI = {"cloud", "auth", "whoami"};

    Tokens login;

    @BeforeEach
    void setUp() {
        login = fake.issueTokens();
    }

    @ParameterizedTest(name = "{0} s left -> refresh: {1}")
    @CsvSource({"-3600, true", "-1, true", "30, true", "59.5, true", "60.5, false", "3600, false"})
    void refreshesOnlyWithinSixtySecondsOfExpiry(double secondsLeft, boolean refreshes) {
        cli.writeConfig(Logins.oauth(login, secondsLeft, "acme"));
        AuthCli.Result r = cli.run(WHOAMI);
        assertEquals(0, r.exit(), r.toString());
        assertEquals(
                refreshes ? 1 : 0, fake.requests(FakePipecatCloud.TOKEN_PATH).size());
        assertEquals(refreshes, !cli.config().contains(login.accessToken()), cli.config());
    }

    @Test
    void storesTheRotatedTokensAndTheNewExpiry() {
        cli.writeConfig(Logins.oauth(login, -10, "acme"));
        AuthCli.Result r = cli.run(WHOAMI);

        assertEquals(0, r.exit(), r.toString());
        RecordedRequest refresh = fake.requests(FakePipecatCloud.TOKEN_PATH).get(0);
        assertEquals(List.of("grant_type", "refresh_token", "client_id"), refresh.formParamNames());
        assertEquals("refresh_token", refresh.formParam("grant_type").orElseThrow());
        assertEquals(login.refreshToken(), refresh.formParam("refresh_token").orElseThrow());
        Tokens rotated = fake.issuedTokens().get(1);
        String config = cli.config();
        assertTrue(config.contains("token = \"" + rotated.accessToken() + "\""), config);
        assertTrue(config.contains("refresh_token = \"" + rotated.refreshToken() + "\""), config);
        assertTrue(config.contains("token_expires_at = " + (AuthCli.NOW.getEpochSecond() + 86400)), config);
        assertTrue(config.contains("org = \"acme\"") && config.contains("default_public_key = \"pk_acme\""), config);
        assertEquals(RefreshTokenStatus.ROTATED, fake.refreshTokenStatus(login.refreshToken()));
        assertEquals(rotated.accessToken(), fake.requests("/v1/users").get(0).bearerToken(), "the new token is sent");
        assertTrue(fake.requests(fake.discoveryPath()).size() == 1, "refresh re-discovers the issuer");
    }

    @Test
    void keepsTheOldRefreshTokenWhenNoNewOneComesBack() {
        fake.newRefreshTokenOnRefresh(false);
        cli.writeConfig(Logins.oauth(login, -10, "acme"));
        assertEquals(0, cli.run(WHOAMI).exit());
        String config = cli.config();
        assertTrue(config.contains("token = \"" + fake.issuedTokens().get(1).accessToken() + "\""), config);
        assertTrue(config.contains("refresh_token = \"" + login.refreshToken() + "\""), config);
    }

    @Test
    void aRefreshThatFailsNeverSendsTheDeadToken() {
        fake.revokeRefreshToken(login.refreshToken());
        cli.writeConfig(Logins.oauth(login, -10, "acme"));
        String before = cli.config();
        AuthCli.Result r = cli.run(WHOAMI);

        assertEquals(4, r.exit(), r.toString());
        assertEquals(
                "Your session expired and could not be refreshed (Authentication failed: the token endpoint "
                        + "answered 400 (invalid_grant: refresh token revoked)). Please run pipecat cloud auth login.\n",
                r.err());
        assertTrue(fake.requests("/v1/users").isEmpty(), "no API call with the expired token");
        assertEquals(before, cli.config(), "nothing changed on disk");
    }

    @Test
    void aRefreshWhoseDiscoveryFailsIsAnErrorThatKeepsTheLogin() {
        fake.fault("/auth/config", Fault.status(502));
        cli.writeConfig(Logins.oauth(login, -10, "acme"));
        String before = cli.config();
        AuthCli.Result r = cli.run(WHOAMI);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(
                r.err().startsWith("Could not refresh your session (Failed to fetch auth configuration (502)"),
                r.err());
        assertTrue(r.err().endsWith("Your stored login is unchanged; try again.\n"), r.err());
        assertEquals(before, cli.config(), "nothing changed on disk");

        fake.clearFaults();
        AuthCli.Result again = cli.run(WHOAMI);
        assertEquals(0, again.exit(), "the same session refreshes once the server is back: " + again);
    }

    @Test
    void patsAreNeverRefreshed() {
        fake.acceptPatAllOrgs("pcc_pat_never_refreshed");
        cli.writeConfig(Logins.pat("pcc_pat_never_refreshed", "acme"));
        assertEquals(0, cli.run(WHOAMI).exit());
        assertTrue(fake.requests(FakePipecatCloud.TOKEN_PATH).isEmpty());
        assertTrue(fake.requests("/auth/config").isEmpty());
    }

    @Test
    void anEnvironmentTokenIsNeverRefreshedNorWritten() {
        cli.writeConfig(Logins.oauth(login, -10, "acme"));
        Tokens other = fake.issueTokens();
        cli.env("PIPECAT_TOKEN", other.accessToken());
        String before = cli.config();
        AuthCli.Result r = cli.run(WHOAMI);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Token Source:        env"), r.out());
        assertTrue(fake.requests(FakePipecatCloud.TOKEN_PATH).isEmpty());
        assertEquals(before, cli.config());
        assertFalse(cli.config().contains(other.accessToken()));
    }
}
