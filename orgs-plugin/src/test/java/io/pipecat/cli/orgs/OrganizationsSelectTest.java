package io.pipecat.cli.orgs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.testkit.CliResult;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** {@code pipecat cloud organizations select [-o ORG]}: the bytes it writes, its picker and its refusals. */
class OrganizationsSelectTest extends OrganizationsCliTest {
    /** {@link OrganizationsCli#CONFIG} after selecting beta: what the official CLI's TOML library writes too. */
    static final String SELECTED_BETA = """
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
            """;

    @Test
    void selectWritesOrgAndAnEmptyTableKeepingEverythingElse() throws Exception {
        CliResult result = cli.run("cloud", "organizations", "select", "-o", "beta");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(
                "Current organization set to Beta Labs (beta).\nDefault namespace updated in " + cli.configPath()
                        + "\n",
                result.stdout());
        assertEquals(SELECTED_BETA, cli.configText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.configPath())));
        fake.assertNoUnexpectedRequests();
    }

    @Test
    void selectingAnOrganizationWithATableKeepsItsKeys() {
        cli.run("cloud", "organizations", "select", "--organization", "beta");

        CliResult back = cli.run("cloud", "organizations", "select", "--organization", "acme");

        assertEquals(0, back.exitCode(), back.toString());
        assertEquals(SELECTED_BETA.replace("org = \"beta\"", "org = \"acme\""), cli.configText());
    }

    @Test
    void withoutATerminalMinusOIsRequired() {
        CliResult result = cli.run("cloud", "organizations", "select");

        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(
                "Name the organization with -o ORG (--organization ORG): without a terminal there is no list to"
                        + " pick from.\n",
                result.stderr());
        assertEquals(OrganizationsCli.CONFIG, cli.configText());
        assertEquals(0, fake.requests().size(), "refused before any request");
    }

    @Test
    void aTerminalStdinAloneIsNotEnoughForThePicker() {
        CliResult result = cli.stdinTerminal(true).stdin("2\n").run("cloud", "organizations", "select");

        assertEquals(2, result.exitCode(), "the list is drawn on stderr, which is not a terminal: " + result);
        assertEquals(OrganizationsCli.CONFIG, cli.configText());
    }

    @Test
    void anUnknownOrganizationIsOneLineAndTheFileIsUntouched() {
        CliResult result = cli.run("cloud", "organizations", "select", "-o", "nope");

        assertEquals(1, result.exitCode(), result.toString());
        assertEquals("Unknown organization 'nope': yours are acme, beta.\n", result.stderr());
        assertEquals("", result.stdout());
        assertEquals(OrganizationsCli.CONFIG, cli.configText());
    }

    @Test
    void thePickerTakesANumberOnATerminal() {
        CliResult result =
                cli.stdinTerminal(true).stderrTerminal(true).stdin("2\n").run("cloud", "organizations", "select");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("""
                Select the active organization:
                *  1) Acme Inc. (acme)
                   2) Beta Labs (beta)
                Choice [1-2] (Enter: 1):\s""", result.stderr());
        assertEquals(SELECTED_BETA, cli.configText());
    }

    @Test
    void thePickerAsksAgainAfterAWrongAnswerAndTakesANameToo() {
        CliResult result =
                cli.stdinTerminal(true).stderrTerminal(true).stdin("7\nbeta\n").run("cloud", "organizations", "select");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("Not a choice: '7'. Type a number from 1 to 2.\n"), result.stderr());
        assertEquals(SELECTED_BETA, cli.configText());
    }

    @Test
    void enterAloneKeepsTheActiveOrganization() {
        CliResult result =
                cli.stdinTerminal(true).stderrTerminal(true).stdin("\n").run("cloud", "organizations", "select");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(
                "Current organization set to Acme Inc. (acme).",
                result.stdout().lines().findFirst().get());
    }

    @Test
    void theEndOfInputCancelsAndChangesNothing() {
        CliResult result = cli.stdinTerminal(true).stderrTerminal(true).run("cloud", "organizations", "select");

        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.stderr().endsWith("\nNothing was chosen; nothing changed.\n"), result.stderr());
        assertEquals(OrganizationsCli.CONFIG, cli.configText());
    }

    @Test
    void aFirstSelectCreatesTheFileTheOfficialWay() {
        cli.writeConfig("token = \"pcc_pat_orgs_test\"\n");

        CliResult result = cli.run("cloud", "organizations", "select", "-o", "acme");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("token = \"pcc_pat_orgs_test\"\norg = \"acme\"\n\n[acme]\n", cli.configText());
    }

    @Test
    void pipecatOrgStillWinsAndTheUserIsTold() {
        CliResult result = cli.env("PIPECAT_ORG", "acme").run("cloud", "organizations", "select", "-o", "beta");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(
                "Warning: PIPECAT_ORG=acme is set and takes precedence over the saved organization; unset it to use"
                        + " beta.\n",
                result.stderr());
        assertEquals(SELECTED_BETA, cli.configText());
    }

    @Test
    void notLoggedInIsExitFourAndNothingIsWritten() {
        cli.writeConfig("org = \"acme\"\n");

        CliResult result = cli.run("cloud", "organizations", "select", "-o", "beta");

        assertEquals(4, result.exitCode(), result.toString());
        assertEquals("org = \"acme\"\n", cli.configText());
    }
}
