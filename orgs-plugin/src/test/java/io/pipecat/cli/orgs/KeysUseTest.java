package io.pipecat.cli.orgs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.testkit.ApiKey;
import io.pipecat.cli.testkit.CliResult;
import org.junit.jupiter.api.Test;

/** {@code pipecat cloud organizations keys use [-o ORG] [--key NAME]}: the bytes it writes, its picker, its refusals. */
class KeysUseTest extends OrganizationsCliTest {
    /** {@link OrganizationsCli#CONFIG} after {@code keys use -o beta --key "Beta default"}, as the official CLI writes it. */
    static final String BETA_KEY_USED = """
            token = "pcc_pat_orgs_test"
            org = "beta"
            refresh_token = ""
            token_expires_at = 0

            [acme]
            default_public_key = "pk_acme_live"
            default_public_key_name = "Production"

            [gamma]
            default_public_key = "pk_gamma"
            retries = 3

            [beta]
            default_public_key = "pk_beta_1"
            default_public_key_name = "Beta default"
            """;

    @Test
    void keyUseWritesTheKeyItsNameAndTheOrganization() {
        CliResult result = cli.run("cloud", "organizations", "keys", "use", "-o", "beta", "--key", "Beta default");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(
                "API key 'Beta default' set as the default of organization beta (now the active organization).\n",
                result.stdout());
        assertEquals(BETA_KEY_USED, cli.configText());
        fake.assertNoUnexpectedRequests();
    }

    @Test
    void anExistingTableIsUpdatedInPlace() {
        CliResult result = cli.run("cloud", "organizations", "keys", "use", "--key", "CI");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(
                OrganizationsCli.CONFIG.replace("pk_acme_live", "pk_acme_ci").replace("\"Production\"", "\"CI\""),
                cli.configText());
    }

    @Test
    void theKeyItselfIsAcceptedToo() {
        CliResult result = cli.run("cloud", "organizations", "keys", "use", "--key", "pk_acme_ci");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(
                cli.configText().contains("default_public_key = \"pk_acme_ci\"\ndefault_public_key_name = \"CI\"\n"));
    }

    @Test
    void withoutATerminalMinusMinusKeyIsRequired() {
        CliResult result = cli.run("cloud", "organizations", "keys", "use", "-o", "beta");

        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(
                "Name the key with --key NAME: without a terminal there is no list to pick from.\n", result.stderr());
        assertEquals(OrganizationsCli.CONFIG, cli.configText());
        assertEquals(0, fake.requests().size(), "refused before any request");
    }

    @Test
    void anUnknownKeyNameIsOneLineAndTheFileIsUntouched() {
        CliResult result = cli.run("cloud", "organizations", "keys", "use", "--key", "Staging");

        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(
                "No API key named 'Staging' in organization 'acme': its keys are Production, CI.\n", result.stderr());
        assertEquals(OrganizationsCli.CONFIG, cli.configText());
    }

    @Test
    void aRevokedKeyIsRefused() {
        CliResult result = cli.run("cloud", "organizations", "keys", "use", "--key", "Old");

        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(
                "The API key 'Old' of organization 'acme' is revoked; choose another (pipecat cloud organizations keys"
                        + " list).\n",
                result.stderr());
        assertEquals(OrganizationsCli.CONFIG, cli.configText());
    }

    @Test
    void anUnknownOrganizationIsOneLineAndTheFileIsUntouched() {
        CliResult result = cli.run("cloud", "organizations", "keys", "use", "-o", "nope", "--key", "x");

        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
        assertTrue(result.stderr().contains("'nope'"), result.stderr());
        assertEquals(OrganizationsCli.CONFIG, cli.configText());
    }

    @Test
    void thePickerOffersOnlyKeysThatAreNotRevoked() {
        CliResult result =
                cli.stdinTerminal(true).stderrTerminal(true).stdin("2\n").run("cloud", "organizations", "keys", "use");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("""
                Select the default API key of acme:
                *  1) Production  pk_acme_live
                   2) CI  pk_acme_ci
                Choice [1-2] (Enter: 1):\s""", result.stderr());
        assertTrue(
                cli.configText().contains("default_public_key = \"pk_acme_ci\"\ndefault_public_key_name = \"CI\"\n"));
    }

    @Test
    void noUsableKeyIsAnError() {
        fake.apiKeys("beta", ApiKey.of("pk_b", "gone").revoke());

        CliResult result =
                cli.stdinTerminal(true).stderrTerminal(true).run("cloud", "organizations", "keys", "use", "-o", "beta");

        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(
                "Every API key is revoked for organization 'beta'. Create one in the dashboard:"
                        + " https://pipecat.daily.co\n",
                result.stderr());
        assertEquals(OrganizationsCli.CONFIG, cli.configText());
    }
}
