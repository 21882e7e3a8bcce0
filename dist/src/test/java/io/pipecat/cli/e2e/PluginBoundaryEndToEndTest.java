package io.pipecat.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.e2e.CliProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plugin boundary through the real launcher as a process (a {@code System.exit} or a hang
 * cannot be survived in-process): a third-party jar can neither take a built-in command's place
 * nor redefine a built-in group, and one that hangs or calls {@code System.exit} while it is
 * discovered costs only itself — never a hung CLI, never a silent exit 0.
 */
class PluginBoundaryEndToEndTest {
    @org.junit.jupiter.api.io.TempDir
    Path home;

    private Path plugins;
    private CliProcess cli;

    @BeforeEach
    void setUp() throws Exception {
        plugins = Files.createDirectories(home.resolve("plugins"));
        cli = new CliProcess(home);
    }

    private static String command(String name) {
        return "@com.github.rvesse.airline.annotations.Command(name = \"" + name + "\", description = \"IMPOSTOR\")";
    }

    private Path evil(String members, String statements, String groups, String commandAnnotation, String run)
            throws Exception {
        return BrokenPluginJars.evil(
                plugins, home.resolve("build"), "evil-plugin.jar", members, statements, groups, commandAnnotation, run);
    }

    static Stream<Arguments> hijacks() {
        String login = "cloud auth login";
        return Stream.of(
                Arguments.of(
                        "a default command named login",
                        "CommandGroup.at(\"cloud\", \"auth\").defaultCommand(Impostor.class).build()",
                        command("login"),
                        login,
                        "it sets a default command for the built-in group 'pipecat cloud auth'"),
                Arguments.of(
                        "a default command named whoami",
                        "CommandGroup.at(\"cloud\", \"auth\").defaultCommand(Impostor.class).build()",
                        command("whoami"),
                        "cloud auth whoami",
                        "it sets a default command for the built-in group 'pipecat cloud auth'"),
                Arguments.of(
                        "a command named login",
                        "CommandGroup.at(\"cloud\", \"auth\").commands(Impostor.class).build()",
                        command("login"),
                        login,
                        "command 'pipecat cloud auth login' clashes with a built-in auth command"),
                Arguments.of(
                        "an alias through airline's groupNames",
                        "CommandGroup.at(\"sneaky\").commands(Impostor.class).build()",
                        "@com.github.rvesse.airline.annotations.Command(name = \"login\", description = \"IMPOSTOR\","
                                + " groupNames = {\"cloud auth\"})",
                        login,
                        "command class evil.Impostor places itself in 'pipecat cloud auth' with @Command(groupNames)"),
                Arguments.of(
                        "the cloud group's description redefined",
                        "CommandGroup.at(\"cloud\").description(\"IMPOSTOR cloud\").commands(Impostor.class).build()",
                        command("extra"),
                        "cloud",
                        "it redefines the description of the built-in group 'pipecat cloud'"),
                Arguments.of(
                        "the cloud group's default command redefined",
                        "CommandGroup.at(\"cloud\").defaultCommand(Impostor.class).build()",
                        command("show"),
                        "cloud",
                        "it sets a default command for the built-in group 'pipecat cloud'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hijacks")
    void aPluginReachingForABuiltInPlaceIsSkippedAndReportedAndTheBuiltInStillRuns(
            String how, String groups, String annotation, String builtIn, String reason) throws Exception {
        Path jar = evil("", "", groups, annotation, "context.io().out().println(\"IMPOSTOR\");");
        for (String run : List.of("first", "from the index")) {
            List<String> args = new java.util.ArrayList<>(List.of(builtIn.split(" ")));
            args.add("--help");
            Result help = cli.run(args.toArray(String[]::new));
            assertEquals(0, help.exit(), run + ": " + help.err());
            assertFalse(help.out().contains("IMPOSTOR"), run + ": " + help.out());
            assertTrue(
                    help.out()
                            .contains(
                                    switch (builtIn) {
                                        case "cloud auth login" -> "Log in to Pipecat Cloud in the browser";
                                        case "cloud auth whoami" -> "Show the logged-in user";
                                        default -> "Pipecat Cloud commands";
                                    }),
                    run + ": the built-in's help: " + help.out());
            assertEquals(1, help.err().lines().count(), run + ": " + help.err());
            assertTrue(
                    help.err().startsWith("Warning: plugin " + jar + " skipped: " + reason), run + ": " + help.err());
        }
        Result list = cli.run("plugins", "list");
        assertEquals(0, list.exit(), list.err());
        assertTrue(
                list.out().contains("  source:   jar " + jar + "\n")
                        && list.out().contains("  status:   skipped: " + reason),
                list.out());
    }

    @ParameterizedTest(name = "hanging in {0}")
    @ValueSource(strings = {"constructor", "groups()"})
    void aHangingProviderIsSkippedAfterAboutTwoSecondsAndHelpStillWorks(String where) throws Exception {
        // Deaf to interrupts, as a stuck plugin would be.
        String hang =
                "while (System.nanoTime() != 0) { try { Thread.sleep(1_000); } catch (InterruptedException ignored) { } }";
        Path jar = evil(
                where.equals("constructor") ? "public Evil() { " + hang + " }" : "",
                where.equals("groups()") ? hang : "",
                "CommandGroup.at(\"slow\").build()",
                command("x"),
                "");
        long started = System.nanoTime();
        Result help = cli.run("--help");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().contains("USAGE"), help.out());
        assertTrue(millis < 12_000, "--help finished in " + millis + " ms");
        assertEquals(
                List.of("Warning: plugin " + jar + " skipped: it did not load within 2 s (its provider's constructor"
                        + " or groups() hangs or is too slow); tried again on the next run"),
                help.err().lines().toList());
    }

    @ParameterizedTest(name = "System.exit(0) in {0}")
    @ValueSource(strings = {"constructor", "groups()"})
    void aProviderThatCallsSystemExitFailsTheRunNamingItThenIsSkipped(String where) throws Exception {
        String exit = "System.exit(0);";
        Path jar = evil(
                where.equals("constructor") ? "public Evil() { " + exit + " }" : "",
                where.equals("groups()") ? exit : "",
                "CommandGroup.at(\"x\").build()",
                command("x"),
                "");

        Result first = cli.run("--help");
        assertEquals(1, first.exit(), "never a silent 0: " + first.out() + first.err());
        assertEquals(
                List.of("Error: plugin " + jar + " called System.exit during discovery;"
                        + " remove it or replace it with a fixed version"),
                first.err().lines().toList());

        Result second = cli.run("cloud", "auth", "login", "--help");
        assertEquals(0, second.exit(), "remembered as broken: " + second.err());
        assertTrue(second.out().contains("Log in to Pipecat Cloud in the browser"), second.out());
        assertEquals(
                List.of("Warning: plugin " + jar + " skipped: its provider called System.exit during discovery"
                        + " (cached; run `pipecat plugins list --refresh` to retry)"),
                second.err().lines().toList());
    }

    @Test
    void aThreadOfAPluginThatCallsSystemExitFailsTheRun() throws Exception {
        Path jar = evil(
                "",
                "Thread t = new Thread(() -> System.exit(0)); t.start();"
                        + " try { t.join(); } catch (InterruptedException e) { }",
                "CommandGroup.at(\"x\").build()",
                command("x"),
                "");
        Result help = cli.run("--help");
        assertEquals(1, help.exit(), help.out() + help.err());
        assertEquals(
                List.of("Error: plugin " + jar + " called System.exit during discovery;"
                        + " remove it or replace it with a fixed version"),
                help.err().lines().toList());
    }

    /**
     * The user ran the plugin's own command: its exit code is its answer and passes through, but
     * the launcher's clean-up was bypassed, so a warning names the plugin (an exit 0 is never silent).
     */
    @ParameterizedTest(name = "System.exit({0}) in the command")
    @ValueSource(ints = {0, 7})
    void aCommandThatCallsSystemExitKeepsItsCodeWithAWarning(int code) throws Exception {
        Path jar = evil(
                "",
                "",
                "CommandGroup.at(\"evil\").commands(Impostor.class).build()",
                command("quit"),
                "context.io().out().println(\"before exit\"); System.exit(" + code + ");");
        Result quit = cli.run("evil", "quit");
        assertEquals(code, quit.exit(), quit.err());
        assertEquals("before exit\n", quit.out());
        assertEquals(
                List.of("Warning: plugin " + jar + " ended pipecat with System.exit in its command;"
                        + " its exit code is passed on"),
                quit.err().lines().toList());
    }
}
