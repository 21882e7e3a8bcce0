package io.pipecat.cli.orgs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipecat.cli.testkit.CliResult;
import org.junit.jupiter.api.Test;

/** {@code pipecat cloud organizations list [--json]}. */
class OrganizationsListTest extends OrganizationsCliTest {
    @Test
    void aTableWithTheActiveOrganizationMarked() {
        CliResult result = cli.run("cloud", "organizations", "list");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("""
                ORGANIZATION  NAME  ACTIVE
                Acme Inc.     acme  active
                Beta Labs     beta
                """, result.stdout());
        assertEquals("", result.stderr());
        assertEquals(OrganizationsCli.CONFIG, cli.configText(), "a read-only command");
        fake.assertNoUnexpectedRequests();
    }

    @Test
    void jsonSaysWhichIsActive() throws Exception {
        CliResult result = cli.env("PIPECAT_ORG", "beta").run("cloud", "organizations", "list", "--json");

        assertEquals(0, result.exitCode(), result.toString());
        JsonNode json = new ObjectMapper().readTree(result.stdout());
        assertEquals(new ObjectMapper().readTree("""
                        {"active": "beta", "organizations": [
                          {"name": "acme", "verbose_name": "Acme Inc.", "active": false},
                          {"name": "beta", "verbose_name": "Beta Labs", "active": true}]}
                        """), json);
    }

    @Test
    void anActiveOrganizationThatIsNotListedIsReportedNotMarked() {
        CliResult result = cli.env("PIPECAT_ORG", "nope").run("cloud", "organizations", "list");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(
                "Warning: the active organization 'nope' (from PIPECAT_ORG) is not one of these; set PIPECAT_ORG"
                        + " to one of them, or unset it\n",
                result.stderr());
        assertEquals(false, result.stdout().contains("active\n"), result.stdout());
    }

    @Test
    void notLoggedInIsExitFour() {
        cli.writeConfig("org = \"acme\"\n");

        CliResult result = cli.run("cloud", "organizations", "list");

        assertEquals(4, result.exitCode(), result.toString());
        assertEquals("You are not logged in. Please run pipecat cloud auth login first.\n", result.stderr());
    }

    @Test
    void aRejectedTokenIsExitFour() {
        fake.revokePat(OrganizationsCli.PAT);

        CliResult result = cli.run("cloud", "organizations", "list");

        assertEquals(4, result.exitCode(), result.toString());
        assertEquals(true, result.stderr().startsWith("Unauthorized request / invalid user token."), result.stderr());
    }

    @Test
    void anUnreachableApiIsExitOne() {
        String host = fake.baseUrl();
        fake.close();

        CliResult result = cli.env("PIPECAT_API_HOST", host).run("cloud", "organizations", "list");

        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
    }

    @Test
    void noOrganizationsIsAnError() {
        fake.noOrganizations();

        CliResult result = cli.run("cloud", "organizations", "list");

        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(true, result.stderr().startsWith("No organizations are associated with your account."));
    }
}
