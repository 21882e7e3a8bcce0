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
                            .commands(Fixtures.Login.class, Fixtures.Tokens.class)
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
    void dashHIsHelpExceptWhereTheCommandGivesItAMeaning() {
        Result root = run("-h");
        assertEquals(0, root.exit(), root.err());
        assertEquals(run("--help").out(), root.out(), "pipecat -h is the root help");
        Result group = run("cloud", "auth", "-h");
        assertEquals(0, group.exit(), group.err());
        assertEquals(run("cloud", "auth", "--help").out(), group.out(), "a group's -h is its help");
        Result login = run("cloud", "auth", "login", "-h");
        assertEquals(0, login.exit(), login.err());
        assertEquals("built-in login headless=true\n", login.out(), "login's -h is headless");
        Result echo = run("tools", "echo", "-h");
        assertEquals(0, echo.exit(), echo.err());
        assertTrue(echo.out().startsWith("Echo the words\n\nUSAGE"), echo.out());
    }

    @Test
    void helpEnvironmentListsTheVariables() {
        Result result = run("help", "environment");
        assertEquals(0, result.exit(), result.err());
        for (String expected : List.of(
                "PIPECAT_TOKEN",
                "Empty counts as unset",
                "PIPECAT_HTTP_TIMEOUT",
                "Default: 30",
                "PIPECAT_DEBUG",
                "BROWSER",
                "NO_COLOR",
                "HTTPS_PROXY",
                "EXAMPLES")) {
            assertTrue(result.out().contains(expected), expected + " missing in:\n" + result.out());
        }
        assertTrue(run("--help").out().contains("HELP TOPICS\n  environment "), "the root help names the topic");
    }

    @Test
    void helpOfAMistypedCommandSuggestsTheNearestOne() {
        Result result = run("help", "cloud", "auth", "logn");
        assertEquals(2, result.exit());
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("unknown command \"logn\" for \"pipecat cloud auth\""), result.err());
        assertTrue(result.err().contains("Did you mean this?\n\tlogin"), result.err());
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
    void aMistypedFlagIsOneLineWithTheNearestFlag() {
        Result result = run("cloud", "auth", "login", "--headles");
        assertEquals(2, result.exit());
        assertEquals("", result.out());
        assertEquals("unknown flag --headles, did you mean --headless?\n", result.err());
    }

    @Test
    void anUnknownFlagWithNothingCloseNamesTheCommandsHelp() {
        Result result = run("cloud", "auth", "login", "--bogus");
        assertEquals(2, result.exit());
        assertEquals(
                "unknown flag --bogus for 'pipecat cloud auth login' (see 'pipecat cloud auth login --help')\n",
                result.err());
    }

    @Test
    void aFlagWithoutItsValueOrWithAValueItDoesNotTakeSaysSo() {
        Result missing = run("cloud", "auth", "login", "--timeout");
        assertEquals(2, missing.exit());
        assertEquals("--timeout needs a value (SECONDS); see 'pipecat cloud auth login --help'\n", missing.err());
        Result given = run("cloud", "auth", "login", "--headless=yes");
        assertEquals(2, given.exit());
        assertEquals("--headless takes no value; see 'pipecat cloud auth login --help'\n", given.err());
    }

    @Test
    void aNumberFlagGivenTextSaysWhatItExpects() {
        Result result = run("cloud", "auth", "login", "--timeout", "abc");
        assertEquals(2, result.exit());
        assertEquals("--timeout expects a number of seconds, not \"abc\"\n", result.err());
        Result limit = run("cloud", "auth", "tokens", "--limit", "many");
        assertEquals(2, limit.exit());
        assertEquals("--limit expects a number (N), not \"many\"\n", limit.err());
        assertEquals(
                "built-in login headless=false timeout=5\n",
                run("cloud", "auth", "login", "--timeout", "5").out());
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
