package io.pipecat.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
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
    void unknownStoresAndAnEnvironmentOverrideAreUsageErrors() {
        AuthCli.Result unknown = cli.run("cloud", "auth", "store", "vault");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("Unknown credential store 'vault'"), unknown.err());
        assertTrue(unknown.err().contains("available: file, " + LockedStoreProvider.NAME), unknown.err());

        AuthCli.Result overridden =
                cli.env("PIPECAT_CREDENTIAL_STORE", "file").run("cloud", "auth", "store", LockedStoreProvider.NAME);
        assertEquals(2, overridden.exit());
        assertEquals(
                "PIPECAT_CREDENTIAL_STORE is set and overrides the saved choice; unset it first.\n", overridden.err());

        AuthCli.Result two = cli.run("cloud", "auth", "store", "file", "keyring");
        assertEquals(2, two.exit());
    }
}
