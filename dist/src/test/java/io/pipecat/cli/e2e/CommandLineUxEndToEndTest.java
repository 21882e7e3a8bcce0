package io.pipecat.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.e2e.CliProcess.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI as a process, with every shipped plugin and the example plugin: every command's
 * help has EXAMPLES, parse errors read like the rest, and completion offers what is valid.
 */
class CommandLineUxEndToEndTest {
    @TempDir
    Path home;

    private CliProcess cli;

    @BeforeEach
    void setUp() throws IOException {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Files.copy(Path.of(System.getProperty("pipecat.examplePlugin")), plugins.resolve("hello-plugin.jar"));
        cli = new CliProcess(home);
    }

    /**
     * Walks the tree as a user would, through 'pipecat help …': every command (and every group
     * whose flags run a default command, like 'cloud --show-cli-config') shows EXAMPLES.
     */
    @Test
    void everyCommandsHelpHasExamples() {
        List<String> missing = new ArrayList<>();
        List<String> visited = new ArrayList<>();
        walk(List.of(), missing, visited);
        assertTrue(
                visited.containsAll(List.of(
                        "cloud",
                        "cloud auth login",
                        "cloud auth whoami",
                        "cloud auth store",
                        "completion",
                        "help",
                        "plugins link",
                        "hello greet")),
                "the walk reached the whole tree: " + visited);
        assertEquals(List.of(), missing, "help without an EXAMPLES section");
    }

    private void walk(List<String> path, List<String> missing, List<String> visited) {
        List<String> args = new ArrayList<>(List.of("help"));
        args.addAll(path);
        Result help = cli.run(args.toArray(String[]::new));
        assertEquals(0, help.exit(), path + ": " + help.err());
        visited.add(String.join(" ", path));
        List<String> children = commandNames(help.out());
        boolean group = help.out().contains("<command> [flags]");
        boolean runsSomething = !group || help.out().contains("\n  pipecat " + String.join(" ", path) + " [flags]\n");
        if (runsSomething && !help.out().contains("\nEXAMPLES\n  $ ")) {
            missing.add(path.isEmpty() ? "pipecat" : String.join(" ", path));
        }
        for (String child : children) {
            List<String> next = new ArrayList<>(path);
            next.add(child);
            walk(next, missing, visited);
        }
    }

    /** @return the names in the COMMANDS section of a help text */
    private static List<String> commandNames(String help) {
        List<String> names = new ArrayList<>();
        int at = help.indexOf("\nCOMMANDS\n");
        if (at < 0) {
            return names;
        }
        for (String line : help.substring(at + "\nCOMMANDS\n".length()).split("\n")) {
            if (!line.startsWith("  ")) {
                break;
            }
            names.add(line.trim().split("\\s+")[0]);
        }
        return names;
    }

    @Test
    void dashHIsHelpButLoginsHeadless() {
        Result root = cli.run("-h");
        assertEquals(0, root.exit(), root.err());
        assertEquals(cli.run("--help").out(), root.out());
        Result auth = cli.run("cloud", "auth", "-h");
        assertEquals(0, auth.exit(), auth.err());
        assertTrue(auth.out().contains("USAGE\n  pipecat cloud auth <command> [flags]"), auth.out());
        assertEquals(cli.run("cloud", "auth", "--help").out(), auth.out());
    }

    @Test
    void parseErrorsAreOneLineWithExitTwo() {
        Result typo = cli.run("cloud", "auth", "login", "--headles");
        assertEquals(2, typo.exit());
        assertEquals("", typo.out());
        assertEquals("unknown flag --headles, did you mean --headless?\n", typo.err());

        Result timeout = cli.run("cloud", "auth", "login", "--timeout", "abc");
        assertEquals(2, timeout.exit());
        assertEquals("--timeout expects a number of seconds, not \"abc\"\n", timeout.err());

        Result help = cli.run("help", "cloud", "auth", "whoam");
        assertEquals(2, help.exit());
        assertTrue(help.err().contains("Did you mean this?\n\twhoami\n"), help.err());
    }

    @Test
    void helpEnvironmentListsTheVariables() {
        Result env = cli.run("help", "environment");
        assertEquals(0, env.exit(), env.err());
        assertTrue(env.out().contains("\nPIPECAT_TOKEN\n"), env.out());
        assertTrue(env.out().contains("Empty counts as unset"), env.out());
    }

    @Test
    void bashCompletionOfTheRealTreeOffersOnlyWhatIsValid() throws Exception {
        Result script = cli.run("completion", "bash");
        assertEquals(0, script.exit(), script.err());
        Path file = Files.writeString(home.resolve("pipecat.bash"), script.out());
        assertEquals("file keyring", complete(file, "pipecat cloud auth store "));
        assertEquals("--show-cli-config", complete(file, "pipecat cloud --sh"));
        assertFalse(complete(file, "pipecat cloud ").contains("show-cli-config"), "not a command to type");
        assertEquals("bash fish zsh", complete(file, "pipecat completion "));
    }

    private static String complete(Path script, String line) throws IOException, InterruptedException {
        String words = line.endsWith(" ") ? line + "''" : line;
        String program = "source " + script + "\nCOMP_WORDS=(" + words + ")\n"
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n_pipecat\necho \"${COMPREPLY[*]}\"\n";
        Process bash = new ProcessBuilder("bash", "-c", program)
                .redirectErrorStream(true)
                .start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(bash.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), output);
        return output;
    }
}
