package io.pipecat.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipecat.cli.testkit.FakePipecatCloud;
import io.pipecat.cli.testkit.Fault;
import io.pipecat.cli.testkit.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code pipecat cloud auth whoami} (docs/behaviour.md#whoami) and the environment precedence of docs/behaviour.md#environment. */
class WhoamiTest extends AuthCommandTest {
    private static final String PAT = "pcc_pat_whoami_0123";

    Tokens login;

    @BeforeEach
    void setUp() {
        fake.user("user_42", "first@example.com", "second@example.com");
        login = fake.issueTokens();
    }

    @Test
    void humanOutputHasOneRowEach() {
        cli.writeConfig(Logins.oauth(login, 3600, "beta"));
        AuthCli.Result r = cli.run("cloud", "auth", "whoami");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("""
                User:                first@example.com
                Active Organization: Beta Labs (beta)
                Auth Method:         OAuth
                Token Source:        file
                Daily API Key:       daily_key_beta
                """, r.out());
        assertEquals("", r.err());
        assertEquals(login.accessToken(), fake.requests("/v1/users").get(0).bearerToken());
    }

    @Test
    void jsonOutput() throws Exception {
        fake.acceptPatAllOrgs(PAT);
        cli.writeConfig(Logins.pat(PAT, "acme"));
        AuthCli.Result r = cli.run("cloud", "auth", "whoami", "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("user_42", json.get("user_id").asText());
        assertEquals("first@example.com", json.get("email").asText());
        assertEquals("acme", json.get("organization").get("name").asText());
        assertEquals("Acme Inc.", json.get("organization").get("verbose_name").asText());
        assertEquals("PAT", json.get("auth_method").asText());
        assertEquals("file", json.get("token_source").asText());
        assertEquals("daily_key_acme", json.get("daily_api_key").asText());
        assertEquals(6, json.size());
    }

    @Test
    void userWithoutEmailShowsTheUserId() {
        fake.user("user_no_mail");
        cli.writeConfig(Logins.oauth(login, 3600, "acme"));
        AuthCli.Result r = cli.run("cloud", "auth", "whoami");
        assertTrue(r.out().startsWith("User:                user_no_mail\n"), r.out());
    }

    @Test
    void aDailyKeyFailureShowsNotAvailable() {
        fake.fault("/v1/organizations/acme/daily", Fault.status(500));
        cli.writeConfig(Logins.oauth(login, 3600, "acme"));
        AuthCli.Result r = cli.run("cloud", "auth", "whoami");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().endsWith("Daily API Key:       N/A\n"), r.out());
    }

    @Test
    void unauthorized() {
        fake.revokeAccessToken(login.accessToken());
        cli.writeConfig(Logins.oauth(login, 3600, "acme"));
        AuthCli.Result r = cli.run("cloud", "auth", "whoami");
        assertEquals(4, r.exit(), r.toString());
        assertEquals(
                "Unauthorized request / invalid user token. Please log in again using pipecat cloud auth login\n",
                r.err());
        assertEquals("", r.out());
    }

    @Test
    void notLoggedIn() {
        AuthCli.Result r = cli.run("cloud", "auth", "whoami");
        assertEquals(4, r.exit(), r.toString());
        assertEquals("You are not logged in. Please run pipecat cloud auth login first.\n", r.err());
        assertTrue(fake.requests().isEmpty());
    }

    @Test
    void environmentTokenAndOrgWinOverTheFileAndAreNeverWritten() {
        fake.acceptPatAllOrgs(PAT);
        cli.writeConfig(Logins.oauth(login, 3600, "acme"));
        String before = cli.config();
        cli.env("PIPECAT_TOKEN", PAT).env("PIPECAT_ORG", "beta");
        AuthCli.Result r = cli.run("cloud", "auth", "whoami");

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Active Organization: Beta Labs (beta)\n"), r.out());
        assertTrue(r.out().contains("Auth Method:         PAT\n"), r.out());
        assertTrue(r.out().contains("Token Source:        env\n"), r.out());
        assertEquals(PAT, fake.requests("/v1/users").get(0).bearerToken());
        assertEquals(before, cli.config());
    }

    @Test
    void apiHostFromTheEnvironmentIsUsed() {
        cli.writeConfig(Logins.oauth(login, 3600, "acme"));
        try (FakePipecatCloud other = FakePipecatCloud.start()) {
            Tokens otherLogin = other.issueTokens();
            cli.writeConfig(Logins.oauth(otherLogin, 3600, "acme")).env("PIPECAT_API_HOST", other.baseUrl());
            AuthCli.Result r = cli.run("cloud", "auth", "whoami");
            assertEquals(0, r.exit(), r.toString());
            assertEquals(1, other.requests("/v1/users").size());
            assertTrue(fake.requests().isEmpty());
            other.assertNoUnexpectedRequests();
        }
    }

    @Test
    void anUnknownPipecatOrgIsNamedNotReplacedByTheFirstOrganization() {
        fake.acceptPatAllOrgs(PAT);
        cli.writeConfig(Logins.pat(PAT, "acme"));
        String before = cli.config();
        AuthCli.Result r = cli.env("PIPECAT_ORG", "nope").run("cloud", "auth", "whoami");

        assertEquals(1, r.exit(), r.toString());
        assertEquals(
                "Unknown organization 'nope' (from PIPECAT_ORG): yours are acme, beta. Set PIPECAT_ORG to one of"
                        + " them, or unset it (pipecat cloud organizations list shows them).\n",
                r.err());
        assertEquals("", r.out());
        assertEquals(before, cli.config());
        assertTrue(fake.requests("/v1/organizations/acme/daily").isEmpty(), "no other organization is used");
    }

    @Test
    void anUnknownPipecatOrgFailsTheJsonOutputToo() {
        fake.acceptPatAllOrgs(PAT);
        AuthCli.Result r =
                cli.env("PIPECAT_TOKEN", PAT).env("PIPECAT_ORG", "nope").run("cloud", "auth", "whoami", "--json");

        assertEquals(1, r.exit(), r.toString());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("Unknown organization 'nope' (from PIPECAT_ORG)"), r.err());
    }

    @Test
    void aStoredOrganizationNoLongerListedIsNamedWithTheFileAndTheFix() {
        cli.writeConfig(Logins.oauth(login, 3600, "gone"));
        String before = cli.config();
        AuthCli.Result r = cli.run("cloud", "auth", "whoami");

        assertEquals(1, r.exit(), r.toString());
        assertEquals(
                "Unknown organization 'gone' (set in " + cli.configPath() + "): yours are acme, beta. Choose one"
                        + " with pipecat cloud organizations select (pipecat cloud organizations list shows them).\n",
                r.err());
        assertEquals(before, cli.config(), "not switched to another organization");
    }

    @Test
    void withNoActiveOrganizationTheFirstIsShown() {
        fake.acceptPatAllOrgs(PAT);
        AuthCli.Result r = cli.env("PIPECAT_TOKEN", PAT).run("cloud", "auth", "whoami");

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Active Organization: Acme Inc. (acme)\n"), r.out());
    }
}
