package io.pipecat.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipecat.cli.testkit.Fault;
import io.pipecat.cli.testkit.Tokens;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code pipecat cloud auth status} (docs/behaviour.md#status-ours). */
class StatusTest extends AuthCommandTest {
    private static final String[] STATUS = {"cloud", "auth", "status"};
    private static final String[] STATUS_JSON = {"cloud", "auth", "status", "--json"};
    private static final String PAT = "pcc_pat_status_0123456789";
    private static final String NOT_LOGGED_IN = "You are not logged in. Please run pipecat cloud auth login first.\n";

    Tokens login;

    @BeforeEach
    void setUp() {
        fake.user("user_42", "first@example.com");
        login = fake.issueTokens();
    }

    @Test
    void anOAuthLoginInTheFileStore() {
        cli.writeConfig(Logins.oauth(login, 3600, "beta"));
        AuthCli.Result r = cli.run(STATUS);

        assertEquals(0, r.exit(), r.toString());
        assertEquals(
                "API host:          " + fake.baseUrl() + "\n"
                        + "Logged in:         yes\n"
                        + "User:              first@example.com (user_42)\n"
                        + "Organization:      Beta Labs (beta)\n"
                        + "Auth method:       OAuth\n"
                        + "Token source:      file\n"
                        + "Token:             " + login.accessToken().substring(0, 8) + "**** (--show-token shows it)\n"
                        + "Token expires:     2026-01-01 01:00:00 UTC (in 1 hour)\n"
                        + "Refresh token:     yes\n"
                        + "Credential store:  file (default)\n"
                        + "Store location:    " + cli.configPath() + "\n",
                r.out());
        assertEquals("", r.err());
        assertEquals(login.accessToken(), fake.requests("/v1/users").get(0).bearerToken());
    }

    @Test
    void jsonHasStableSnakeCaseKeysForAPatLogin() throws Exception {
        fake.acceptPatAllOrgs(PAT);
        cli.writeConfig(Logins.pat(PAT, "acme"));
        AuthCli.Result r = cli.run(STATUS_JSON);

        assertEquals(0, r.exit(), r.toString());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(
                List.of(
                        "api_host",
                        "logged_in",
                        "token_accepted",
                        "user",
                        "organization",
                        "auth_method",
                        "token_source",
                        "token",
                        "token_expires_at",
                        "token_expiry",
                        "refresh_token",
                        "credential_store",
                        "stored_login",
                        "error"),
                fieldNames(json));
        assertEquals(fake.baseUrl(), json.get("api_host").asText());
        assertTrue(json.get("logged_in").asBoolean());
        assertTrue(json.get("token_accepted").asBoolean());
        assertEquals("user_42", json.at("/user/user_id").asText());
        assertEquals("first@example.com", json.at("/user/email").asText());
        assertEquals("acme", json.at("/organization/name").asText());
        assertEquals("Acme Inc.", json.at("/organization/verbose_name").asText());
        assertEquals("PAT", json.get("auth_method").asText());
        assertEquals("file", json.get("token_source").asText());
        assertEquals("pcc_pat_****", json.get("token").asText());
        assertTrue(json.get("token_expires_at").isNull());
        assertEquals("never (personal access token)", json.get("token_expiry").asText());
        assertFalse(json.get("refresh_token").asBoolean());
        assertEquals("file", json.at("/credential_store/name").asText());
        assertEquals("default", json.at("/credential_store/origin").asText());
        assertEquals(
                cli.configPath().toString(),
                json.at("/credential_store/location").asText());
        assertTrue(json.get("stored_login").asBoolean());
        assertTrue(json.get("error").isNull());
        assertFalse(r.out().contains(PAT), "the token is redacted without --show-token");
    }

    @Test
    void showTokenShowsItInFull() throws Exception {
        cli.writeConfig(Logins.oauth(login, 3600, "acme"));
        AuthCli.Result table = cli.run("cloud", "auth", "status", "--show-token");
        assertEquals(0, table.exit(), table.toString());
        assertTrue(table.out().contains("Token:             " + login.accessToken() + "\n"), table.out());

        AuthCli.Result json = cli.run("cloud", "auth", "status", "--json", "--show-token");
        assertEquals(
                login.accessToken(),
                new ObjectMapper().readTree(json.out()).get("token").asText());
    }

    @Test
    void aDueTokenIsRefreshedFirstAndTheNewExpiryShown() throws Exception {
        cli.writeConfig(Logins.oauth(login, -10, "acme"));
        AuthCli.Result r = cli.run(STATUS_JSON);

        assertEquals(0, r.exit(), r.toString());
        Tokens refreshed = fake.issuedTokens().get(1);
        assertEquals(refreshed.accessToken(), fake.requests("/v1/users").get(0).bearerToken());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(
                AuthCli.NOW.getEpochSecond() + 86400,
                json.get("token_expires_at").asLong());
        assertEquals(
                "2026-01-02 00:00:00 UTC (in 24 hours)",
                json.get("token_expiry").asText());
        assertTrue(json.get("refresh_token").asBoolean());
    }

    @Test
    void anEnvironmentTokenIsReportedAsSuchAndTheStoredLoginAsUnused() {
        fake.acceptPatAllOrgs(PAT);
        cli.writeConfig(Logins.oauth(login, 3600, "acme"));
        cli.env("PIPECAT_TOKEN", PAT);
        AuthCli.Result r = cli.run(STATUS);

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Token source:      env (PIPECAT_TOKEN)\n"), r.out());
        assertTrue(r.out().contains("Auth method:       PAT\n"), r.out());
        assertTrue(r.out().contains("Token expires:     never (personal access token)\n"), r.out());
        assertTrue(r.out().contains("Refresh token:     no\n"), r.out());
        assertTrue(r.out().contains("Stored login:      yes, unused while PIPECAT_TOKEN is set\n"), r.out());
        assertEquals(PAT, fake.requests("/v1/users").get(0).bearerToken());
    }

    @Test
    void anOAuthEnvironmentTokenHasAnUnknownExpiry() {
        cli.env("PIPECAT_TOKEN", login.accessToken());
        AuthCli.Result r = cli.run(STATUS);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Token expires:     unknown (a token from PIPECAT_TOKEN)\n"), r.out());
        assertTrue(r.out().contains("Stored login:      none\n"), r.out());
    }

    /** The rule whoami follows (docs/behaviour.md#whoami): an unknown organization is named, never replaced. */
    @Test
    void anUnknownOrganizationIsNamedAfterTheLocalFactsAndExits1() throws Exception {
        cli.writeConfig(Logins.oauth(login, 3600, "acme"));
        cli.env("PIPECAT_ORG", "nope");
        AuthCli.Result r = cli.run(STATUS);

        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("Logged in:         yes\n"), r.out());
        assertTrue(r.out().contains("Organization:      nope\n"), r.out());
        assertFalse(r.out().contains("Acme"), r.out());
        assertEquals(
                "Unknown organization 'nope' (from PIPECAT_ORG): yours are acme, beta. Set PIPECAT_ORG to one of"
                        + " them, or unset it (pipecat cloud organizations list shows them).\n",
                r.err());

        JsonNode json = new ObjectMapper().readTree(cli.run(STATUS_JSON).out());
        assertTrue(json.get("token_accepted").asBoolean());
        assertEquals("nope", json.at("/organization/name").asText());
        assertEquals(1, json.at("/error/exit_code").asInt());
    }

    @Test
    void notLoggedInPrintsTheLocalFactsAndExits4() throws Exception {
        AuthCli.Result r = cli.run(STATUS);
        assertEquals(4, r.exit(), r.toString());
        assertEquals(
                "API host:          " + fake.baseUrl() + "\n"
                        + "Logged in:         no\n"
                        + "Credential store:  file (default)\n"
                        + "Store location:    " + cli.configPath() + "\n",
                r.out());
        assertEquals(NOT_LOGGED_IN, r.err());
        assertTrue(fake.requests().isEmpty());

        AuthCli.Result json = cli.run(STATUS_JSON);
        assertEquals(4, json.exit(), json.toString());
        JsonNode out = new ObjectMapper().readTree(json.out());
        assertFalse(out.get("logged_in").asBoolean());
        assertTrue(out.get("token_accepted").isNull());
        assertTrue(out.get("token").isNull());
        assertFalse(out.get("stored_login").asBoolean());
        assertEquals(4, out.at("/error/exit_code").asInt());
        assertEquals(NOT_LOGGED_IN.trim(), out.at("/error/message").asText());
    }

    @Test
    void aRefusedStoredTokenExits4AndSaysToLogInAgain() throws Exception {
        fake.revokeAccessToken(login.accessToken());
        cli.writeConfig(Logins.oauth(login, 3600, "acme"));
        AuthCli.Result r = cli.run(STATUS);
        assertEquals(4, r.exit(), r.toString());
        assertTrue(r.out().contains("Logged in:         no: the token was refused\n"), r.out());
        assertTrue(r.out().contains("User:              unknown\n"), r.out());
        assertEquals(
                "Unauthorized request / invalid user token. Please log in again using pipecat cloud auth login\n",
                r.err());
        assertNoSecret(r);

        JsonNode json = new ObjectMapper().readTree(cli.run(STATUS_JSON).out());
        assertTrue(json.get("logged_in").asBoolean());
        assertFalse(json.get("token_accepted").asBoolean());
        assertEquals(4, json.at("/error/exit_code").asInt());
    }

    @Test
    void aRefusedEnvironmentTokenSaysToCheckTheVariable() {
        cli.env("PIPECAT_TOKEN", "pcc_pat_not_accepted_0123");
        AuthCli.Result r = cli.run(STATUS);
        assertEquals(4, r.exit(), r.toString());
        assertTrue(r.err().contains("Check the PIPECAT_TOKEN variable"), r.err());
        assertFalse(r.err().contains("log in again"), r.err());
    }

    /** Like gh: the local facts are still printed, the failure is reported, and the exit is not 0. */
    @Test
    void anUnreachableServerStillPrintsTheLocalFactsAndExits1() throws Exception {
        fake.fault("/v1/users", Fault.dropConnection().always());
        cli.writeConfig(Logins.oauth(login, 3600, "acme"));
        AuthCli.Result r = cli.run(STATUS);

        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("Logged in:         unknown: the token could not be checked\n"), r.out());
        assertTrue(r.out().contains("Token source:      file\n"), r.out());
        assertTrue(r.out().contains("Token expires:     2026-01-01 01:00:00 UTC (in 1 hour)\n"), r.out());
        assertTrue(r.out().contains("Organization:      acme\n"), r.out());
        assertTrue(
                r.err().startsWith("Could not reach the Pipecat Cloud API at " + fake.baseUrl() + "/v1/users"),
                r.err());
        assertNoSecret(r);

        JsonNode json = new ObjectMapper().readTree(cli.run(STATUS_JSON).out());
        assertTrue(json.get("logged_in").asBoolean());
        assertTrue(json.get("token_accepted").isNull());
        assertEquals(1, json.at("/error/exit_code").asInt());
    }

    @Test
    void anUnavailableKeychainExits5AfterTheLocalFacts() {
        cli.env("PIPECAT_CREDENTIAL_STORE", LockedStoreProvider.NAME);
        AuthCli.Result r = cli.run(STATUS);
        assertEquals(5, r.exit(), r.toString());
        assertTrue(
                r.out()
                        .startsWith("API host:          " + fake.baseUrl() + "\n"
                                + "Logged in:         unknown: the login could not be read\n"
                                + "Credential store:  locked (from PIPECAT_CREDENTIAL_STORE)\n"),
                r.out());
        assertEquals(LockedStoreProvider.MESSAGE + "\n", r.err());
    }

    @Test
    void anUnavailableKeychainDoesNotMatterWhilePipecatTokenIsSet() {
        fake.acceptPatAllOrgs(PAT);
        cli.env("PIPECAT_CREDENTIAL_STORE", LockedStoreProvider.NAME).env("PIPECAT_TOKEN", PAT);
        AuthCli.Result r = cli.run(STATUS);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Stored login:      unknown (the credential store is unavailable)\n"), r.out());
    }

    @Test
    void helpIsOneLineInTheGroupAndEndsWithExamples() {
        AuthCli.Result group = cli.run("cloud", "auth", "--help");
        assertTrue(
                group.out()
                        .contains("  status    Show how you are authenticated and whether the API accepts the token\n"),
                group.out());
        assertTrue(
                group.out().contains("  token     Print the active token alone on stdout, for your own API calls\n"),
                group.out());
        for (String command : new String[] {"status", "token"}) {
            AuthCli.Result help = cli.run("cloud", "auth", command, "--help");
            assertEquals(0, help.exit(), help.toString());
            assertTrue(help.out().contains("\nEXAMPLES\n  $ "), help.out());
            assertTrue(help.out().trim().endsWith("needed") || help.out().trim().endsWith("auth login"), help.out());
        }
    }

    private void assertNoSecret(AuthCli.Result r) {
        assertFalse(r.all().contains(login.accessToken()), r.toString());
        assertFalse(r.all().contains(login.refreshToken()), r.toString());
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
