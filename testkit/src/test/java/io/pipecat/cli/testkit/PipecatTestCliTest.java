package io.pipecat.cli.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process harness runs the real launcher: exit codes, the two streams apart, the
 * environment it hands over, and the temporary home. (Stdin and custom routes through a command
 * are covered by the example plugin's tests, which have a command that reads them.)
 */
class PipecatTestCliTest {
    @TempDir
    Path home;

    FakePipecatCloud fake;
    PipecatTestCli cli;

    @BeforeEach
    void setUp() {
        fake = FakePipecatCloud.start();
        cli = PipecatTestCli.create(fake, home);
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void helpExitsZeroWithTheUsageOnStdoutAndNothingOnStderr() {
        CliResult result = cli.run("--help");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("plugins"), result.toString());
        assertEquals("", result.stderr());
    }

    @Test
    void anUnknownCommandExitsTwoWithTheErrorOnStderrOnly() {
        CliResult result = cli.run("nosuchcommand");

        assertEquals(2, result.exitCode(), result.toString());
        assertEquals("", result.stdout());
        assertTrue(result.stderr().startsWith("unknown command \"nosuchcommand\" for \"pipecat\""), result.toString());
    }

    @Test
    void theRunSeesTheEnvironmentTheHarnessHolds() throws Exception {
        Path otherPlugins = Files.createDirectories(home.resolve("other-plugins"));
        Files.write(otherPlugins.resolve("broken.jar"), "not a jar".getBytes(StandardCharsets.UTF_8));

        CliResult before = cli.run("plugins", "list");
        CliResult after =
                cli.env("PIPECAT_PLUGIN_PATH", otherPlugins.toString()).run("plugins", "list");

        assertEquals(0, before.exitCode(), before.toString());
        assertFalse(before.output().contains("broken.jar"), before.toString());
        assertEquals(0, after.exitCode(), after.toString());
        assertTrue(after.stdout().contains("broken.jar"), after.toString());
        assertTrue(after.stderr().contains("broken.jar"), "the skipped plugin is reported on stderr: " + after);
    }

    @Test
    void theEnvironmentHoldsOnlyTheHarnessesVariablesNotTheTestProcesses() {
        assertEquals(
                Set.of("HOME", "PIPECAT_CONFIG_PATH", "PIPECAT_API_HOST", "PIPECAT_PLUGIN_PATH"),
                cli.environment().keySet());
        assertEquals(fake.baseUrl(), cli.environment().get("PIPECAT_API_HOST"));
        assertEquals(cli.configPath().toString(), cli.environment().get("PIPECAT_CONFIG_PATH"));
        assertTrue(cli.configPath().startsWith(home));

        cli.env("PIPECAT_ORG", "acme").env("PIPECAT_API_HOST", null);

        assertEquals(
                Set.of("HOME", "PIPECAT_CONFIG_PATH", "PIPECAT_PLUGIN_PATH", "PIPECAT_ORG"),
                cli.environment().keySet());
    }

    @Test
    void aLiveStdoutStreamGetsWhatTheResultHolds() {
        ByteArrayOutputStream live = new ByteArrayOutputStream();

        CliResult result = cli.run(live, "--help");

        assertFalse(result.stdout().isEmpty());
        assertEquals(result.stdout(), live.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writeConfigWritesAnOwnerOnlyFileThatConfigTextReads() throws Exception {
        assertEquals("", cli.configText());

        cli.writeConfig("org = \"acme\"\n");

        assertEquals("org = \"acme\"\n", cli.configText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.configPath())));
    }

    @Test
    void closeDeletesAHomeTheHarnessMadeButLeavesTheCallers() {
        Path own;
        try (PipecatTestCli temporary = PipecatTestCli.create(fake)) {
            own = temporary.home();
            temporary.writeConfig("org = \"acme\"\n");
            assertEquals(0, temporary.run("--help").exitCode());
            assertTrue(Files.isRegularFile(temporary.configPath()));
        }
        assertFalse(Files.exists(own), own + " left behind");

        cli.writeConfig("org = \"acme\"\n");
        cli.close();
        assertTrue(Files.isRegularFile(cli.configPath()));
    }
}
