package io.pipecat.example.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.testkit.CliResult;
import io.pipecat.cli.testkit.FakePipecatCloud;
import io.pipecat.cli.testkit.PipecatTestCli;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipecat hello greet}, run in the real CLI through the test kit's public harness only. */
class GreetCommandTest {
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
    void greetsByNameAndShowsTheConfigInUse() {
        CliResult result = cli.run("hello", "greet", "--name", "Ada");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("Hello, Ada!\nconfig: " + cli.configPath() + "\norganization: (none)\n", result.stdout());
        assertEquals("", result.stderr());
        assertTrue(fake.requests().isEmpty(), "greet calls no API");
    }

    @Test
    void theNameComesFromTheEnvironmentAndTheOrganizationFromTheConfigFile() {
        cli.env("HELLO_NAME", "Grace").writeConfig("org = \"acme\"\n");

        CliResult result = cli.run("hello", "greet");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("Hello, Grace!\nconfig: " + cli.configPath() + "\norganization: acme\n", result.stdout());
    }

    @Test
    void aDashReadsTheNameFromStdin() {
        CliResult result = cli.stdin("Linus\nignored\n").run("hello", "greet", "-n", "-");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().startsWith("Hello, Linus!\n"), result.toString());
    }

    @Test
    void aBlankNameIsAUsageErrorOnStderr() {
        CliResult result = cli.run("hello", "greet", "--name", " ");

        assertEquals(2, result.exitCode(), result.toString());
        assertEquals("", result.stdout());
        assertEquals("--name must not be blank\n", result.stderr());
    }

    @Test
    void anUnknownFlagIsAUsageError() {
        CliResult result = cli.run("hello", "greet", "--shout");

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("pipecat hello greet --help"), result.toString());
    }

    @Test
    void theGroupsHelpListsBothCommands() {
        CliResult result = cli.run("hello", "--help");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("greet") && result.stdout().contains("agents"), result.toString());
    }
}
