package io.pipecat.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code pipecat cloud auth store}: what it shows, and that a move which cannot complete loses
 * nothing. (The keychain round trip is an end-to-end test against a real Secret Service.)
 */
class StoreCommandTest extends AuthCommandTest {
    private static final String PAT = "pcc_pat_store_test";

    @Test
    void showsTheStoreAndWhyItIsInUse() {
        AuthCli.Result none = cli.run("cloud", "auth", "store");
        assertEquals(0, none.exit(), none.toString());
        assertEquals("Credential store: file (default)\nNo login is stored there.\n", none.out());

        cli.writeConfig("token = \"" + PAT + "\"\norg = \"acme\"\nrefresh_token = \"\"\ntoken_expires_at = 0\n");
        AuthCli.Result stored = cli.run("cloud", "auth", "store");
        assertEquals("Credential store: file (default)\nA login is stored there.\n", stored.out());

        AuthCli.Result same = cli.run("cloud", "auth", "store", "file");
        assertEquals(0, same.exit());
        assertEquals("Credentials are already kept in the file store.\n", same.out());
    }

    @Test
    void anUnavailableTargetIsExit5AndTheLoginStaysWhereItWas() throws Exception {
        cli.writeConfig("token = \"" + PAT + "\"\norg = \"acme\"\nrefresh_token = \"\"\ntoken_expires_at = 0\n");
        AuthCli.Result move = cli.run("cloud", "auth", "store", LockedStoreProvider.NAME);
        assertEquals(5, move.exit(), move.toString());
        assertTrue(cli.config().contains("token = \"" + PAT + "\""), cli.config());
        assertFalse(Files.exists(cli.configPath().resolveSibling("pipecat-cli.toml")), "the choice was not saved");
        assertFalse(move.out().contains(PAT) || move.err().contains(PAT));
    }

    @Test
    void anUnknownStoreArgumentIsBlamedNotThePreferencesFile() throws Exception {
        savedChoice("file");
        AuthCli.Result unknown = cli.run("cloud", "auth", "store", "vault");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertEquals(
                "Unknown credential store 'vault': choose one of file, locked (pipecat cloud auth store file|locked).\n",
                unknown.err());
        assertEquals("file", savedChoice(), "nothing changed");

        AuthCli.Result two = cli.run("cloud", "auth", "store", "file", "keyring");
        assertEquals(2, two.exit());
    }

    @Test
    void aBadValueInTheVariableOrTheFileStillNamesItsSource() throws Exception {
        AuthCli.Result fromEnv = cli.env("PIPECAT_CREDENTIAL_STORE", "vault").run("cloud", "auth", "store");
        assertEquals(2, fromEnv.exit(), fromEnv.toString());
        assertTrue(
                fromEnv.err().startsWith("Unknown credential store 'vault' (from PIPECAT_CREDENTIAL_STORE)"),
                fromEnv.err());

        AuthCli plain = new AuthCli(home, fake);
        savedChoice("vault");
        AuthCli.Result fromFile = plain.run("cloud", "auth", "store");
        assertEquals(2, fromFile.exit(), fromFile.toString());
        assertTrue(
                fromFile.err().startsWith("Unknown credential store 'vault' (from " + preferences() + ")"),
                fromFile.err());

        // ... and `store file` is how such a file is repaired.
        AuthCli.Result repaired = plain.run("cloud", "auth", "store", "file");
        assertEquals(0, repaired.exit(), repaired.toString());
        assertEquals("file", savedChoice());
    }

    @Test
    void aVariableNamingAnotherStoreIsAUsageError() {
        AuthCli.Result overridden =
                cli.env("PIPECAT_CREDENTIAL_STORE", "file").run("cloud", "auth", "store", LockedStoreProvider.NAME);
        assertEquals(2, overridden.exit());
        assertEquals(
                "PIPECAT_CREDENTIAL_STORE=file is set and overrides the saved choice; unset it (or set it to locked)"
                        + " first.\n",
                overridden.err());
    }

    /**
     * The way out of an unreachable keychain: the choice switches, exit 0, and the user learns that
     * the item is still there and the command that removes it.
     */
    @Test
    void storeFileFromAnUnreachableStoreSwitchesTheChoiceAndSaysHowToRemoveWhatIsLeft() throws Exception {
        savedChoice(LockedStoreProvider.NAME);
        cli.writeConfig("org = \"acme\"\n");
        AuthCli.Result out = cli.run("cloud", "auth", "store", "file");
        assertEquals(0, out.exit(), out.toString());
        assertEquals("file", savedChoice());
        assertEquals(
                "Credential store set to file; the locked store could not be reached, so no login was moved: run"
                        + " pipecat cloud auth login to log in again.\n",
                out.out());
        assertEquals(
                "Warning: The locked store could not be reached, so a login it holds could not be removed; once it can be"
                        + " reached, remove it with: " + LockedStoreProvider.MANUAL_REMOVAL + "\n",
                out.err());
        assertEquals("org = \"acme\"\n", cli.config(), "the config file is untouched");

        AuthCli.Result status = cli.run("cloud", "auth", "store");
        assertEquals(
                "Credential store: file (saved in " + preferences() + ")\nNo login is stored there.\n", status.out());
    }

    /**
     * The variable already names the target: the choice in the file must still switch (it used to
     * stay on the old store, and the login in force is the target's, so it is kept).
     */
    @Test
    void storeFileWithTheVariableSetToFileSavesTheChoice() throws Exception {
        savedChoice(LockedStoreProvider.NAME);
        cli.writeConfig("token = \"" + PAT + "\"\norg = \"acme\"\nrefresh_token = \"\"\ntoken_expires_at = 0\n");
        AuthCli.Result out = cli.env("PIPECAT_CREDENTIAL_STORE", "file").run("cloud", "auth", "store", "file");
        assertEquals(0, out.exit(), out.toString());
        assertEquals("file", savedChoice());
        assertEquals(
                "Credential store set to file; the locked store could not be reached, so no login was moved (the"
                        + " login already in the file store is used).\n",
                out.out());
        assertTrue(cli.config().contains("token = \"" + PAT + "\""), cli.config());
        assertFalse(out.all().contains(PAT));
    }

    @Test
    void withPipecatTokenSetStoreSaysTheVariableTakesPrecedenceAndWhatHappenedToTheStoredLogin() throws Exception {
        cli.writeConfig("token = \"" + PAT + "\"\norg = \"acme\"\nrefresh_token = \"\"\ntoken_expires_at = 0\n");
        cli.env("PIPECAT_TOKEN", "pcc_pat_from_env");
        AuthCli.Result show = cli.run("cloud", "auth", "store");
        assertEquals(0, show.exit(), show.toString());
        assertEquals(
                "Credential store: file (default)\nA login is stored there.\n"
                        + "PIPECAT_TOKEN is set and takes precedence: commands use it, not the stored login, until it"
                        + " is unset.\n",
                show.out());

        AuthCli.Result same = cli.run("cloud", "auth", "store", "file");
        assertEquals(0, same.exit(), same.toString());
        assertEquals(
                "Warning: PIPECAT_TOKEN is set and takes precedence over the stored login: commands use the variable"
                        + " until it is unset (it is never stored); the stored login stays in the file store.\n",
                same.err());

        savedChoice(LockedStoreProvider.NAME);
        AuthCli.Result away = cli.run("cloud", "auth", "store", "file");
        assertEquals(0, away.exit(), away.toString());
        assertTrue(
                away.err().endsWith("the stored login could not be moved (the locked store could not be reached).\n"),
                away.err());
        assertFalse(away.all().contains("pcc_pat_from_env") || cli.config().contains("pcc_pat_from_env"));
    }

    @Test
    void anEmptyPipecatTokenCountsAsUnset() {
        AuthCli.Result show = cli.env("PIPECAT_TOKEN", "").run("cloud", "auth", "store");
        assertEquals("Credential store: file (default)\nNo login is stored there.\n", show.out());
        AuthCli.Result same = cli.run("cloud", "auth", "store", "file");
        assertEquals("", same.err());
    }

    private Path preferences() {
        return cli.configPath().resolveSibling("pipecat-cli.toml");
    }

    private void savedChoice(String store) throws Exception {
        Files.createDirectories(preferences().getParent());
        Files.writeString(preferences(), "[preferences]\ncredential_store = \"" + store + "\"\n");
        Files.setPosixFilePermissions(preferences(), PosixFilePermissions.fromString("rw-------"));
    }

    private String savedChoice() throws Exception {
        String text = Files.readString(preferences());
        Matcher m = Pattern.compile("credential_store = \"([^\"]*)\"").matcher(text);
        assertTrue(m.find(), text);
        return m.group(1);
    }
}
