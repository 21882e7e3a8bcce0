package io.pipecat.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.testkit.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code PIPECAT_TOKEN} in force (docs/behaviour.md#pipecat_token): the commands that change the
 * stored login say that the variable still wins, a refused variable token points at the variable,
 * and an empty or blank variable counts as unset everywhere.
 */
class EnvironmentTokenTest extends AuthCommandTest {
    private static final String ENV_PAT = "pcc_pat_from_the_environment_0123";
    private static final String STORED_PAT = "pcc_pat_stored_0123456789";
    private static final String NOT_LOGGED_IN = "You are not logged in. Please run pipecat cloud auth login first.\n";

    Tokens login;

    @BeforeEach
    void setUp() {
        login = fake.issueTokens();
        fake.acceptPatAllOrgs(ENV_PAT).acceptPatAllOrgs(STORED_PAT);
    }

    @Test
    void logoutRemovesTheStoredLoginAndSaysTheVariableStaysInForce() {
        cli.writeConfig(Logins.pat(STORED_PAT, "acme")).env("PIPECAT_TOKEN", ENV_PAT);
        AuthCli.Result r = cli.run("cloud", "auth", "logout");

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("User credentials for Pipecat Cloud removed."), r.out());
        assertEquals("Warning: " + EnvironmentTokenNotice.REMOVED + "\n", r.err());
        assertFalse(cli.config().contains(STORED_PAT), cli.config());
    }

    @Test
    void logoutRevokesAStoredOAuthSessionAndSaysTheVariableStaysInForce() {
        cli.writeConfig(Logins.oauth(login, 3600, "acme")).env("PIPECAT_TOKEN", ENV_PAT);
        AuthCli.Result r = cli.run("cloud", "auth", "logout");

        assertEquals(0, r.exit(), r.toString());
        assertEquals("Logged out and session revoked.\n", r.out());
        assertEquals("Warning: " + EnvironmentTokenNotice.REMOVED + "\n", r.err());
        assertTrue(fake.isRefreshTokenRevoked(login.refreshToken()));
    }

    /** Like gh, whose logout fails while GH_TOKEN is set: nothing was logged out (exit 1), never "not logged in". */
    @Test
    void logoutWithNothingStoredSaysTheVariableIsInForce() {
        cli.env("PIPECAT_TOKEN", ENV_PAT);
        AuthCli.Result r = cli.run("cloud", "auth", "logout");

        assertEquals(1, r.exit(), r.toString());
        assertEquals("", r.out());
        assertEquals(EnvironmentTokenNotice.NOTHING_STORED + "\n", r.err());
        assertFalse(r.err().contains("not logged in"), r.err());
        assertTrue(fake.requests().isEmpty());
    }

    @Test
    void usePatStoresTheTokenAndSaysTheVariableStillWins() {
        cli.env("PIPECAT_TOKEN", ENV_PAT);
        AuthCli.Result r = cli.stdin(STORED_PAT + "\n").run("cloud", "auth", "use-pat", "-");

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("Authenticated via PAT. Active organization: acme\n"), r.out());
        assertEquals("Warning: " + EnvironmentTokenNotice.STORED + "\n", r.err());
        assertTrue(cli.config().contains("token = \"" + STORED_PAT + "\""), cli.config());
        assertFalse(cli.config().contains(ENV_PAT), "the variable is never written");
    }

    @Test
    void loginStoresTheLoginAndSaysTheVariableStillWins() {
        cli.env("PIPECAT_TOKEN", ENV_PAT);
        AuthCli.Result r = cli.run("cloud", "auth", "login", "--timeout", "10");

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("Authentication successful!\n"), r.out());
        assertTrue(r.err().endsWith("Warning: " + EnvironmentTokenNotice.STORED + "\n"), r.err());
        String issued = fake.issuedTokens().get(1).accessToken();
        assertTrue(cli.config().contains("token = \"" + issued + "\""), cli.config());
    }

    @Test
    void withoutTheVariableThereIsNoNotice() {
        cli.writeConfig(Logins.pat(STORED_PAT, "acme"));
        AuthCli.Result r = cli.run("cloud", "auth", "logout");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.err());
    }

    @Test
    void aRefusedVariableTokenSaysToCheckTheVariableNotToLogInAgain() {
        cli.writeConfig(Logins.oauth(login, 3600, "acme")).env("PIPECAT_TOKEN", "pcc_pat_refused_0123456789");
        AuthCli.Result r = cli.run("cloud", "auth", "whoami");

        assertEquals(4, r.exit(), r.toString());
        assertEquals(
                "Unauthorized request: the API refused the token in PIPECAT_TOKEN. Check the PIPECAT_TOKEN variable "
                        + "(it takes precedence over the stored login; unset it to use that instead).\n",
                r.err());
        assertFalse(r.err().contains("log in again"), r.err());
    }

    @ParameterizedTest(name = "PIPECAT_TOKEN=''{0}''")
    @ValueSource(strings = {"", " ", "\n", " \t\n"})
    void anEmptyOrBlankVariableCountsAsUnset(String value) {
        cli.writeConfig(Logins.oauth(login, 3600, "acme")).env("PIPECAT_TOKEN", value);

        AuthCli.Result whoami = cli.run("cloud", "auth", "whoami");
        assertEquals(0, whoami.exit(), whoami.toString());
        assertTrue(whoami.out().contains("Token Source:        file\n"), whoami.out());
        assertEquals(login.accessToken(), fake.requests("/v1/users").get(0).bearerToken());

        AuthCli.Result config = cli.run("cloud", "--show-cli-config");
        assertTrue(config.out().contains("token_source             file"), config.out());
        assertTrue(
                config.out()
                        .contains("token                    "
                                + login.accessToken().substring(0, 8)),
                config.out());

        AuthCli.Result status = cli.run("cloud", "auth", "status");
        assertEquals(0, status.exit(), status.toString());
        assertTrue(status.out().contains("Token source:      file\n"), status.out());

        AuthCli.Result token = cli.run("cloud", "auth", "token");
        assertEquals(login.accessToken() + "\n", token.out());
    }

    @ParameterizedTest(name = "PIPECAT_TOKEN=''{0}''")
    @ValueSource(strings = {"", "  "})
    void withAnEmptyOrBlankVariableAndNothingStoredYouAreNotLoggedIn(String value) {
        cli.env("PIPECAT_TOKEN", value);
        for (String command : new String[] {"whoami", "logout", "token"}) {
            AuthCli.Result r = cli.run("cloud", "auth", command);
            assertEquals(4, r.exit(), command + ": " + r);
            assertEquals(NOT_LOGGED_IN, r.err(), command);
        }
        AuthCli.Result config = cli.run("cloud", "--show-cli-config");
        assertTrue(config.out().contains("token                    (not set)  [none]"), config.out());
        assertTrue(fake.requests().isEmpty());
    }
}
