package io.pipecat.cli.launcher;

import static io.pipecat.cli.launcher.fixtures.Fixtures.builtIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.context.CliIO;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.launcher.LauncherHarness.Result;
import io.pipecat.cli.launcher.fixtures.Fixtures;
import io.pipecat.cli.launcher.plugins.LoadedPlugin;
import io.pipecat.cli.launcher.plugins.PluginDiscovery;
import io.pipecat.cli.launcher.plugins.TinyPluginJar;
import io.pipecat.cli.spi.CommandGroup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plugin boundary with real third-party jars, discovered from a plugin folder and served from
 * the plugin index on later runs: a plugin that reaches for a built-in place is skipped on every
 * run, and one that hangs or fails in any way costs only itself.
 */
class PluginBoundaryTest {
    @TempDir
    Path home;

    private static final LoadedPlugin AUTH = builtIn(
            "auth",
            CommandGroup.at("cloud").description("Pipecat Cloud commands").build(),
            CommandGroup.at("cloud", "auth")
                    .description("Log in and out")
                    .commands(Fixtures.Login.class)
                    .build());

    /** Runs the launcher with the fixture auth plugin and the real jars of {@code home/plugins}, tracing start-up. */
    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliIO io = CliIO.of(
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Environment env = Environment.of(Map.of(
                "HOME",
                home.toString(),
                "PIPECAT_PLUGIN_PATH",
                home.resolve("plugins").toString(),
                "PIPECAT_TRACE_STARTUP",
                "1"));
        int exit = PipecatLauncher.run(
                io,
                env,
                UnaryOperator.identity(),
                e -> {
                    List<LoadedPlugin> all = new ArrayList<>(List.of(AUTH));
                    all.addAll(PluginDiscovery.discover(e));
                    return all;
                },
                args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> untraced(String err) {
        return err.lines().filter(l -> !l.startsWith("pipecat-trace:")).toList();
    }

    /**
     * A plugin module {@code evil.plugin}: provider {@code evil.Evil} with {@code members}, whose
     * {@code groups()} runs {@code statements} and returns {@code groups}; one command class
     * {@code evil.Impostor} annotated with {@code commandAnnotation}.
     */
    private Path evilJar(String jarName, String members, String statements, String groups, String commandAnnotation)
            throws Exception {
        return TinyPluginJar.compile(
                home.resolve("plugins"),
                home.resolve("build-" + jarName),
                jarName,
                Map.of(
                        "module-info.java", """
                        module evil.plugin {
                            requires io.pipecat.cli.core;
                            provides io.pipecat.cli.spi.CommandGroupProvider with evil.Evil;
                            opens evil to com.github.rvesse.airline;
                        }""",
                        "evil/Evil.java", """
                        package evil;
                        import io.pipecat.cli.spi.CommandGroup;
                        public class Evil implements io.pipecat.cli.spi.CommandGroupProvider {
                            %s
                            public String name() { return "evil"; }
                            public java.util.List<CommandGroup> groups() {
                                %s
                                return java.util.List.of(%s);
                            }
                        }""".formatted(members, statements, groups),
                        "evil/Impostor.java", """
                        package evil;
                        %s
                        public class Impostor extends io.pipecat.cli.spi.CliCommand {
                            @Override public void run(io.pipecat.cli.context.CommandContext context) {
                                context.io().out().println("IMPOSTOR");
                            }
                        }""".formatted(commandAnnotation)));
    }

    @Test
    void aHijackingJarIsSkippedOnEveryRunAlsoWhenServedFromTheIndex() throws Exception {
        Path jar = evilJar(
                "hijack.jar",
                "",
                "",
                "CommandGroup.at(\"cloud\", \"auth\").defaultCommand(Impostor.class).build()",
                "@com.github.rvesse.airline.annotations.Command(name = \"login\", description = \"Impostor\")");
        String warning = "Warning: plugin " + jar + " skipped: it sets a default command for the built-in group"
                + " 'pipecat cloud auth'; skipped";

        Result first = run("cloud", "auth", "login", "--help");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("Built-in login"), first.out());
        assertTrue(first.err().contains("1 plugin jars (0 from the index, 1 read)"), first.err());
        assertEquals(List.of(warning), untraced(first.err()));

        Result second = run("cloud", "auth", "login", "-h");
        assertTrue(
                second.err().contains("1 plugin jars (1 from the index, 0 read)"), "from the index: " + second.err());
        assertEquals(0, second.exit(), second.err());
        assertEquals("built-in login headless=true\n", second.out());
        assertEquals(List.of(warning), untraced(second.err()), "the index cannot bypass the check");

        Result list = run("plugins", "list");
        assertTrue(
                list.out()
                        .contains(
                                "evil unversioned\n  source:   jar " + jar
                                        + "\n  module:   evil.plugin\n  api:      1\n  status:   skipped: it sets a default command"),
                list.out());
    }

    /** Airline has no per-command aliases; its own placement annotations are the way a command gets a second name. */
    @Test
    void aJarWhoseCommandPlacesItselfElsewhereIsSkipped() throws Exception {
        Path jar = evilJar(
                "alias.jar",
                "",
                "",
                "CommandGroup.at(\"sneaky\").commands(Impostor.class).build()",
                "@com.github.rvesse.airline.annotations.Command(name = \"login\", description = \"Impostor\","
                        + " groupNames = {\"cloud auth\"})");
        for (int run = 0; run < 2; run++) {
            Result help = run("--help");
            assertEquals(0, help.exit(), help.err());
            assertTrue(!help.out().contains("sneaky"), help.out());
            assertEquals(
                    List.of("Warning: plugin " + jar + " skipped: command class evil.Impostor places itself in"
                            + " 'pipecat cloud auth' with @Command(groupNames) or @Group; commands go only where CommandGroup puts them"
                            + (run == 0 ? "" : " (cached; run `pipecat plugins list --refresh` to retry)")),
                    untraced(help.err()));
        }
        Result login = run("cloud", "auth", "login", "-h");
        assertEquals("built-in login headless=true\n", login.out());
    }

    @ParameterizedTest(name = "hanging in {0}")
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a failure, not a hung build
    @ValueSource(strings = {"constructor", "groups()"})
    void aHangingProviderCostsTheRunAboutTwoSecondsAndIsTriedAgainNextRun(String where) throws Exception {
        String hang =
                "try { Thread.sleep(600_000); } catch (InterruptedException e) { throw new IllegalStateException(e); }";
        Path jar = evilJar(
                "slow.jar",
                where.equals("constructor") ? "public Evil() { " + hang + " }" : "",
                where.equals("groups()") ? hang : "",
                "CommandGroup.at(\"slow\").build()",
                "@com.github.rvesse.airline.annotations.Command(name = \"x\")");
        for (int run = 0; run < 2; run++) {
            long started = System.nanoTime();
            Result help = run("--help");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(0, help.exit(), help.err());
            assertTrue(help.out().contains("USAGE"), help.out());
            assertTrue(millis >= 1_900 && millis < 8_000, "waited about 2 s: " + millis + " ms");
            assertEquals(
                    List.of("Warning: plugin " + jar + " skipped: it did not load within 2 s (its provider's"
                            + " constructor or groups() hangs or is too slow); tried again on the next run"),
                    untraced(help.err()));
            assertTrue(
                    help.err().contains("1 plugin jars (0 from the index, 1 read)"),
                    "a timeout is not remembered: " + help.err());
        }
    }

    /** An Error other than a linkage one, thrown by groups(), used to escape discovery and fail every command. */
    @Test
    void aProviderThatThrowsAnErrorCostsOnlyItself() throws Exception {
        Path jar = evilJar(
                "thrower.jar",
                "",
                "if (true) { throw new AssertionError(\"provider broke\"); }",
                "CommandGroup.at(\"x\").build()",
                "@com.github.rvesse.airline.annotations.Command(name = \"x\")");
        Result login = run("cloud", "auth", "login", "-h");
        assertEquals(0, login.exit(), login.err());
        assertEquals("built-in login headless=true\n", login.out());
        List<String> err = untraced(login.err());
        assertEquals(1, err.size(), err.toString());
        assertTrue(
                err.get(0).startsWith("Warning: plugin " + jar + " skipped: provider evil.Evil failed: ")
                        && err.get(0).contains("provider broke"),
                err.get(0));
    }
}
