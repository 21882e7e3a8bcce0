package io.pipecat.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.e2e.CliProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        assertEquals("Hello, Ada!\nconfig: " + home.resolve(".config/pipecatcloud/pipecatcloud.toml")
                + "\norganization: acme\n", greet.out());

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
        assertTrue(list.out().contains("hello 1.0.0\n  source:   " + plugins.resolve("hello-plugin.jar")
                + "\n  status:   ok\n  commands: pipecat hello greet\n"), list.out());
        assertTrue(list.out().contains("garbage.jar -\n  source:   " + garbage + "\n  status:   skipped: "), list.out());
        assertTrue(list.out().contains("needy-plugin.jar -\n  source:   " + needy + "\n  status:   skipped: "), list.out());
        assertTrue(list.out().contains("launcher "), "built-ins are listed too: " + list.out());
        assertEquals(2, list.err().lines().count(), list.err());

        Result greet = cli.run("hello", "greet");
        assertEquals(0, greet.exit(), "a broken neighbour does not change a command's exit code");
        assertTrue(greet.out().startsWith("Hello, world!"));
        assertFalse(greet.err().contains("hello-plugin.jar"), greet.err());
    }
}
