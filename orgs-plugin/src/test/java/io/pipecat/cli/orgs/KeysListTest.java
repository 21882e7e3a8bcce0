package io.pipecat.cli.orgs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipecat.cli.testkit.ApiKey;
import io.pipecat.cli.testkit.CliResult;
import org.junit.jupiter.api.Test;

/** {@code pipecat cloud organizations keys list [-o ORG] [--json]}. */
class KeysListTest extends OrganizationsCliTest {
    @Test
    void theActiveOrganizationsKeysWithItsDefaultMarked() {
        CliResult result = cli.run("cloud", "organizations", "keys", "list");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("""
                NAME        KEY           CREATED AT                STATUS   DEFAULT
                Production  pk_acme_live  2026-01-15T10:00:00.000Z  Active   default
                CI          pk_acme_ci    2026-02-01T09:30:00.000Z  Active
                Old         pk_acme_old   2026-01-15T10:00:00.000Z  Revoked
                """, result.stdout());
        assertEquals(1, fake.requests("/v1/organizations/acme/apiKeys").size());
        assertEquals(OrganizationsCli.CONFIG, cli.configText(), "a read-only command");
        fake.assertNoUnexpectedRequests();
    }

    @Test
    void minusOListsAnotherOrganizationWithItsOwnDefault() throws Exception {
        cli.writeConfig(OrganizationsCli.CONFIG + "\n[beta]\ndefault_public_key = \"pk_beta_1\"\n");

        CliResult result = cli.run("cloud", "organizations", "keys", "list", "-o", "beta", "--json");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(
                new ObjectMapper().readTree("""
                        {"organization": "beta", "default_public_key": "pk_beta_1", "keys": [
                          {"name": "Beta default", "key": "pk_beta_1", "created_at": "%s",
                           "revoked": false, "default": true}]}
                        """.formatted(ApiKey.DEFAULT_CREATED_AT)),
                new ObjectMapper().readTree(result.stdout()));
    }

    @Test
    void noKeysIsSaidOnStderr() {
        fake.apiKeys("beta");

        CliResult result = cli.run("cloud", "organizations", "keys", "list", "-o", "beta");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("", result.stdout());
        assertEquals(
                "No API keys found for organization 'beta'. Create one in the dashboard: https://pipecat.daily.co\n",
                result.stderr());
    }

    @Test
    void anOrganizationTheServerRefusesIsOneLineExitOne() {
        CliResult result = cli.run("cloud", "organizations", "keys", "list", "-o", "nope");

        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(
                "Could not list the API keys of organization 'nope' (HTTP 404): is it one of yours? See pipecat"
                        + " cloud organizations list.\n",
                result.stderr());
    }

    @Test
    void withoutAnActiveOrganizationMinusOIsNamed() {
        cli.writeConfig("token = \"pcc_pat_orgs_test\"\n");

        CliResult result = cli.run("cloud", "organizations", "keys", "list");

        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(
                "No active organization: pass -o ORG, or choose one with pipecat cloud organizations select (yours:"
                        + " acme, beta).\n",
                result.stderr());
    }

    @Test
    void notLoggedInIsExitFour() {
        cli.writeConfig("org = \"acme\"\n");

        CliResult result = cli.run("cloud", "organizations", "keys", "list");

        assertEquals(4, result.exitCode(), result.toString());
        assertEquals("You are not logged in. Please run pipecat cloud auth login first.\n", result.stderr());
    }

    @Test
    void aRejectedTokenIsExitFour() {
        fake.revokePat(OrganizationsCli.PAT);

        CliResult result = cli.run("cloud", "organizations", "keys", "list");

        assertEquals(4, result.exitCode(), result.toString());
    }
}
