package io.pipecat.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.e2e.CliProcess.Result;
import io.pipecat.cli.testkit.FakePipecatCloud;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keyring store through the real CLI (the runtime image: JNA and D-Bus must work from it)
 * against a real Secret Service, checked from outside with secret-tool: use-pat into the keychain,
 * whoami from it, moving the login between stores with nothing left behind.
 */
class KeyringEndToEndTest {
    @TempDir
    Path home;

    private FakePipecatCloud fake;
    private CliProcess cli;
    private Path config;

    @BeforeEach
    void start() {
        String bus = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        boolean available = bus != null && !bus.isBlank();
        if (!available && "1".equals(System.getenv("PIPECAT_REQUIRE_KEYRING_TESTS"))) {
            throw new AssertionError(
                    "PIPECAT_REQUIRE_KEYRING_TESTS=1 but there is no D-Bus session (use scripts/test.sh)");
        }
        Assumptions.assumeTrue(available, "no D-Bus session: keyring end-to-end tests skipped (use scripts/test.sh)");
        fake = FakePipecatCloud.start().acceptPat("pcc_pat_keyring", "acme");
        cli = new CliProcess(home).env("PIPECAT_API_HOST", fake.baseUrl()).env("DBUS_SESSION_BUS_ADDRESS", bus);
        config = home.resolve(".config/pipecatcloud/pipecatcloud.toml");
    }

    @AfterEach
    void stop() throws Exception {
        if (fake != null) {
            secretTool("clear", "service", "pipecat-cli", "account", fake.baseUrl());
            fake.assertNoUnexpectedRequests();
            fake.close();
        }
    }

    @Test
    void aLoginLivesInTheKeychainAndMovesBetweenStores() throws Exception {
        Result pat = cli.env("PIPECAT_CREDENTIAL_STORE", "keyring")
                .stdin("pcc_pat_keyring\n")
                .run("cloud", "auth", "use-pat", "-");
        assertEquals(0, pat.exit(), pat.err());
        assertTrue(pat.out().contains("the OS keychain"), pat.out());
        assertTrue(secretTool("lookup", "service", "pipecat-cli", "account", fake.baseUrl())
                .contains("pcc_pat_keyring"));
        String file = Files.readString(config);
        assertFalse(file.contains("pcc_pat_keyring") || file.contains("token"), "no secret in the file: " + file);
        assertTrue(file.contains("org = \"acme\""), file);

        Result whoami = cli.run("cloud", "auth", "whoami");
        assertEquals(0, whoami.exit(), whoami.err());
        assertTrue(whoami.out().contains("Token Source:        keyring"), whoami.out());

        // The env override is gone now (a fresh CliProcess would not carry it): save the choice instead.
        CliProcess plain = new CliProcess(home)
                .env("PIPECAT_API_HOST", fake.baseUrl())
                .env("DBUS_SESSION_BUS_ADDRESS", System.getenv("DBUS_SESSION_BUS_ADDRESS"));
        Result toKeyring = plain.run("cloud", "auth", "store", "keyring");
        assertEquals(0, toKeyring.exit(), toKeyring.err());
        Result status = plain.run("cloud", "auth", "store");
        assertTrue(status.out().startsWith("Credential store: keyring (saved in "), status.out());
        assertTrue(status.out().contains("A login is stored there."), status.out());

        Result toFile = plain.run("cloud", "auth", "store", "file");
        assertEquals(0, toFile.exit(), toFile.err());
        assertTrue(toFile.out().contains("Moved your login to the file store"), toFile.out());
        assertEquals(
                "",
                secretTool("search", "--all", "service", "pipecat-cli", "account", fake.baseUrl()),
                "nothing left in the keychain");
        assertTrue(Files.readString(config).contains("token = \"pcc_pat_keyring\""));

        Result back = plain.run("cloud", "auth", "store", "keyring");
        assertEquals(0, back.exit(), back.err());
        assertFalse(Files.readString(config).contains("pcc_pat_keyring"), "nothing left in the file");
        Result whoamiAgain = plain.run("cloud", "auth", "whoami", "--json");
        assertTrue(whoamiAgain.out().contains("\"token_source\" : \"keyring\""), whoamiAgain.out());

        Result logout = plain.run("cloud", "auth", "logout");
        assertEquals(0, logout.exit(), logout.err());
        assertEquals("", secretTool("search", "--all", "service", "pipecat-cli", "account", fake.baseUrl()));
    }

    /**
     * Logged in through {@code PIPECAT_CREDENTIAL_STORE=keyring} while the file still holds an older
     * plaintext login (the official CLI writes there): saving the choice with the variable still
     * set keeps the keychain's login (the one in force) and removes the plaintext copy. Then, with
     * {@code PIPECAT_TOKEN} set, moving back says that the variable takes precedence and what
     * happened to the stored login.
     */
    @Test
    void savingTheStoreTheVariableNamesKeepsItsLoginAndPipecatTokenIsNamed() throws Exception {
        CliProcess viaVariable = cli.env("PIPECAT_CREDENTIAL_STORE", "keyring");
        Result pat = viaVariable.stdin("pcc_pat_keyring\n").run("cloud", "auth", "use-pat", "-");
        assertEquals(0, pat.exit(), pat.err());
        Files.writeString(
                config,
                "token = \"pcc_pat_stale\"\nrefresh_token = \"\"\ntoken_expires_at = 0\n" + Files.readString(config));

        Result save = viaVariable.run("cloud", "auth", "store", "keyring");
        assertEquals(0, save.exit(), save.err());
        assertEquals(
                "Credential store set to keyring; kept the login already there and removed the copy in the file"
                        + " store.\n",
                save.out());
        assertFalse(Files.readString(config).contains("pcc_pat_stale"), Files.readString(config));
        assertTrue(secretTool("lookup", "service", "pipecat-cli", "account", fake.baseUrl())
                .contains("pcc_pat_keyring"));

        CliProcess withToken = new CliProcess(home)
                .env("PIPECAT_API_HOST", fake.baseUrl())
                .env("DBUS_SESSION_BUS_ADDRESS", System.getenv("DBUS_SESSION_BUS_ADDRESS"))
                .env("PIPECAT_TOKEN", "pcc_pat_from_the_environment");
        Result toFile = withToken.run("cloud", "auth", "store", "file");
        assertEquals(0, toFile.exit(), toFile.err());
        assertEquals("Moved your login to the file store; it is used from now on.\n", toFile.out());
        assertEquals(
                "Warning: PIPECAT_TOKEN is set and takes precedence over the stored login: commands use the variable"
                        + " until it is unset (it is never stored); the stored login was moved to the file store.\n",
                toFile.err());
        assertTrue(Files.readString(config).contains("token = \"pcc_pat_keyring\""));
        assertFalse(Files.readString(config).contains("pcc_pat_from_the_environment"));
    }

    private static String secretTool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("secret-tool"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        return out.trim();
    }
}
