package io.pipecat.cli.launcher;

import static io.pipecat.cli.launcher.fixtures.Fixtures.builtIn;
import static io.pipecat.cli.launcher.fixtures.Fixtures.thirdParty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.launcher.LauncherHarness.Result;
import io.pipecat.cli.launcher.fixtures.Fixtures;
import io.pipecat.cli.launcher.plugins.LoadedPlugin;
import io.pipecat.cli.spi.CommandGroup;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help in all its forms, and usage errors (exit 2) with a suggestion. */
class HelpAndUsageTest {
    @TempDir
    Path home;

    private static final List<LoadedPlugin> PLUGINS = List.of(
            builtIn(
                    "auth",
                    CommandGroup.at("cloud")
                            .description("Pipecat Cloud commands")
                            .build(),
                    CommandGroup.at("cloud", "auth")
                            .description("Log in and out")
                            .commands(Fixtures.Login.class)
                            .build()),
            thirdParty(
                    "echo",
                    CommandGroup.at("tools")
                            .description("Handy tools")
                            .commands(Fixtures.Echo.class)
                            .build()));

    private Result run(String... args) {
        return LauncherHarness.run(home, PLUGINS, args);
    }

    @Test
    void rootHelpListsTheGroupsOfThePluginsPresent() {
        Result result = run("--help");
        assertEquals(0, result.exit());
        assertEquals("", result.err());
        for (String expected :
                List.of("USAGE", "cloud ", "tools ", "Handy tools", "plugins ", "completion ", "--version")) {
            assertTrue(result.out().contains(expected), expected + " missing in:\n" + result.out());
        }
        assertEquals(result.out(), run().out(), "a bare 'pipecat' prints the same help");
        assertEquals(result.out(), run("help").out(), "'pipecat help' prints the same help");
    }

    @Test
    void aBareGroupPrintsItsHelp() {
        Result bare = run("cloud", "auth");
        assertEquals(0, bare.exit());
        assertTrue(
                bare.out().startsWith("Log in and out\n\nUSAGE\n  pipecat cloud auth <command> [flags]"), bare.out());
        assertTrue(bare.out().contains("  login "), bare.out());
        assertEquals(bare.out(), run("cloud", "auth", "--help").out());
        assertEquals(bare.out(), run("help", "cloud", "auth").out());
    }

    @Test
    void commandHelpShowsFlagsAndArguments() {
        Result login = run("cloud", "auth", "login", "--help");
        assertEquals(0, login.exit());
        assertTrue(login.out().contains("pipecat cloud auth login [flags]"), login.out());
        assertTrue(login.out().contains("-h, --headless"), login.out());
        assertTrue(!login.out().contains("built-in login"), "--help must not run the command");

        Result echo = run("help", "tools", "echo");
        assertTrue(echo.out().contains("pipecat tools echo [flags] [words]"), echo.out());
        assertTrue(echo.out().contains("What to echo"), echo.out());
    }

    @Test
    void dashHIsNotHelp() {
        Result root = run("-h");
        assertEquals(2, root.exit(), "only --help is help: -h is login's headless flag");
        Result login = run("cloud", "auth", "login", "-h");
        assertEquals(0, login.exit(), login.err());
        assertEquals("built-in login headless=true\n", login.out());
    }

    @Test
    void unknownCommandSuggestsTheNearestOne() {
        Result result = run("cloud", "auth", "logn");
        assertEquals(2, result.exit());
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("unknown command \"logn\" for \"pipecat cloud auth\""), result.err());
        assertTrue(result.err().contains("Did you mean this?\n\tlogin"), result.err());
        assertTrue(result.err().contains("Run 'pipecat cloud auth --help' for usage."), result.err());

        Result top = run("clod");
        assertEquals(2, top.exit());
        assertTrue(top.err().contains("\tcloud"), top.err());

        Result nothingClose = run("zzzzzz");
        assertEquals(2, nothingClose.exit());
        assertTrue(!nothingClose.err().contains("Did you mean"), nothingClose.err());
    }

    @Test
    void badFlagIsAUsageError() {
        Result result = run("cloud", "auth", "login", "--bogus");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("--bogus"), result.err());
        assertTrue(result.err().endsWith("Run 'pipecat cloud auth login --help' for usage.\n"), result.err());
    }

    @Test
    void versionPrintsTheVersion() {
        Result result = run("--version");
        assertEquals(0, result.exit());
        assertTrue(result.out().matches("pipecat version \\S+ \\(Java .+\\)\\n"), result.out());
    }

    @Test
    void pluginsListShowsSourcesCommandsAndProblems() {
        LoadedPlugin broken = io.pipecat.cli.launcher.plugins.LoadedPlugin.broken(
                "garbage.jar",
                io.pipecat.cli.launcher.plugins.PluginSource.jar(Path.of("/p/garbage.jar")),
                "zip END header not found");
        List<LoadedPlugin> plugins = new java.util.ArrayList<>(PLUGINS);
        plugins.add(broken);
        Result result = LauncherHarness.run(home, plugins, "plugins", "list");
        assertEquals(0, result.exit());
        assertTrue(
                result.out()
                        .contains(
                                "auth 1.0\n  source:   built-in\n  api:      1\n  status:   ok\n  commands: pipecat cloud auth login"),
                result.out());
        assertTrue(
                result.out()
                        .contains(
                                "echo 2.0\n  source:   jar /plugins/echo.jar\n  status:   ok\n  commands: pipecat tools echo"),
                result.out());
        assertTrue(
                result.out()
                        .contains(
                                "garbage.jar -\n  source:   jar /p/garbage.jar\n  status:   skipped: zip END header not found"),
                result.out());
        assertTrue(
                result.err().contains("Warning: plugin /p/garbage.jar skipped: zip END header not found"),
                result.err());
    }
}
