package io.pipecat.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.e2e.CliProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Third-party plugins through the real launcher, as a separate process: the example plugin works,
 * and a garbage jar or a jar with a missing dependency costs one stderr line and nothing else.
 */
class PluginEndToEndTest {
    @TempDir
    Path home;

    private Path plugins;
    private CliProcess cli;

    @BeforeEach
    void setUp() throws Exception {
        plugins = Files.createDirectories(home.resolve("plugins"));
        cli = new CliProcess(home);
    }

    private void installExamplePlugin() throws Exception {
        Path jar = Path.of(System.getProperty("pipecat.examplePlugin"));
        Files.copy(jar, plugins.resolve("hello-plugin.jar"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theExamplePluginAddsAWorkingCommand() throws Exception {
        installExamplePlugin();
        Files.createDirectories(home.resolve(".config/pipecatcloud"));
        Files.writeString(home.resolve(".config/pipecatcloud/pipecatcloud.toml"), "org = \"acme\"\n[acme]\n");

        Result help = cli.run("--help");
        assertEquals(0, help.exit(), help.err());
        assertEquals("", help.err());
        assertTrue(help.out().contains("hello ") && help.out().contains("Example plugin: greetings"), help.out());

        Result greet = cli.env("HELLO_NAME", "Ada").run("hello", "greet");
        assertEquals(0, greet.exit(), greet.err());
        assertEquals(
                "Hello, Ada!\nconfig: " + home.resolve(".config/pipecatcloud/pipecatcloud.toml")
                        + "\norganization: acme\n",
                greet.out());

        Result named = cli.run("hello", "greet", "--name", "Grace");
        assertTrue(named.out().startsWith("Hello, Grace!\n"), named.out());

        Result blank = cli.run("hello", "greet", "--name", " ");
        assertEquals(2, blank.exit());
        assertEquals("--name must not be blank\n", blank.err());
    }

    @Test
    void aGarbageJarIsReportedAndSkipped() throws Exception {
        Path garbage = BrokenPluginJars.garbage(plugins);
        Result help = cli.run("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("USAGE"), help.out());
        assertEquals(1, help.err().lines().count(), help.err());
        assertTrue(help.err().startsWith("Warning: plugin " + garbage + " skipped: "), help.err());
    }

    @Test
    void aJarWithAMissingDependencyIsReportedAndSkipped() throws Exception {
        Path needy = BrokenPluginJars.missingDependency(plugins, Files.createDirectories(home.resolve("build")));
        Result help = cli.run("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("USAGE"), help.out());
        assertEquals(1, help.err().lines().count(), help.err());
        assertTrue(help.err().startsWith("Warning: plugin " + needy + " skipped: "), help.err());
        assertTrue(help.err().contains("does.not.exist"), "names the missing module: " + help.err());
    }

    @Test
    void pluginsListShowsAllThreeCasesAndOtherCommandsStillWork() throws Exception {
        installExamplePlugin();
        Path garbage = BrokenPluginJars.garbage(plugins);
        Path needy = BrokenPluginJars.missingDependency(plugins, Files.createDirectories(home.resolve("build")));

        Result list = cli.run("plugins", "list");
        assertEquals(0, list.exit(), list.err());
        assertTrue(
                list.out()
                        .contains("hello 1.0.0\n  source:   jar " + plugins.resolve("hello-plugin.jar")
                                + "\n  module:   io.pipecat.example.hello"),
                list.out());
        assertTrue(
                list.out()
                        .contains(
                                "\n  api:      1\n  status:   ok\n  commands: pipecat hello greet, pipecat hello agents\n"),
                list.out());
        assertTrue(
                list.out().contains("garbage.jar -\n  source:   jar " + garbage + "\n  status:   skipped: "),
                list.out());
        assertTrue(
                list.out().contains("needy-plugin.jar -\n  source:   jar " + needy + "\n  status:   skipped: "),
                list.out());
        assertTrue(list.out().contains("launcher "), "built-ins are listed too: " + list.out());
        assertEquals(2, list.err().lines().count(), list.err());

        Result greet = cli.run("hello", "greet");
        assertEquals(0, greet.exit(), "a broken neighbour does not change a command's exit code");
        assertTrue(greet.out().startsWith("Hello, world!"));
        assertFalse(greet.err().contains("hello-plugin.jar"), greet.err());
    }

    @Test
    void theSecondRunServesThePluginFromTheIndexAndStillRunsItsCommand() throws Exception {
        installExamplePlugin();
        Path index = home.resolve(".cache/pipecat-cli/plugin-index");

        Result first = cli.env("PIPECAT_TRACE_STARTUP", "1").run("hello", "greet");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().startsWith("Hello, world!\n"), first.out());
        assertTrue(first.err().contains("1 plugin jars (0 from the index, 1 read)"), first.err());
        assertTrue(Files.isRegularFile(index), "the index is written");

        Result second = cli.run("hello", "greet", "--name", "Ada");
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().startsWith("Hello, Ada!\n"), second.out());
        assertTrue(second.err().contains("1 plugin jars (1 from the index, 0 read)"), second.err());
        assertTrue(
                second.err().contains("airline CLI for 'hello greet'"),
                "airline built for the one command: " + second.err());

        Result help = cli.run("--help");
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().contains("Example plugin: greetings"), help.out());
        assertFalse(help.err().contains("airline CLI"), "--help never builds airline: " + help.err());

        Result list = cli.run("plugins", "list");
        assertTrue(
                list.out()
                        .contains("hello 1.0.0\n  source:   jar " + plugins.resolve("hello-plugin.jar")
                                + "\n  module:   io.pipecat.example.hello"),
                list.out());
        assertTrue(
                list.out()
                        .contains(
                                "\n  api:      1\n  status:   ok\n  commands: pipecat hello greet, pipecat hello agents\n"),
                list.out());

        Files.write(index, new byte[] {1, 2, 3});
        Result afterCorruption = cli.run("hello", "greet");
        assertEquals(0, afterCorruption.exit(), "a corrupt index is rebuilt, never an error: " + afterCorruption.err());
        assertTrue(afterCorruption.err().contains("1 plugin jars (0 from the index, 1 read)"), afterCorruption.err());
        assertEquals(
                List.of(),
                afterCorruption
                        .err()
                        .lines()
                        .filter(l -> !l.startsWith("pipecat-trace:"))
                        .toList(),
                "nothing but the trace on stderr");
    }

    @Test
    void brokenJarsAreReportedOnEveryRunAlsoFromTheIndex() throws Exception {
        Path garbage = BrokenPluginJars.garbage(plugins);
        Path needy = BrokenPluginJars.missingDependency(plugins, Files.createDirectories(home.resolve("build")));
        Result first = cli.run("--help");
        Result second = cli.run("--help");
        assertEquals(0, second.exit());
        assertEquals(
                first.err()
                        .lines()
                        .map(l -> l + " (cached; run `pipecat plugins list --refresh` to retry)")
                        .toList(),
                second.err().lines().toList(),
                "the same lines, from the index, which they say");
        assertEquals(2, second.err().lines().count(), second.err());
        assertTrue(second.err().contains("Warning: plugin " + garbage + " skipped: "), second.err());
        assertTrue(
                second.err().contains("Warning: plugin " + needy + " skipped: ")
                        && second.err().contains("does.not.exist"),
                second.err());
    }
}
