package io.pipecat.cli.launcher;

import static io.pipecat.cli.launcher.fixtures.Fixtures.thirdParty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pipecat.cli.launcher.LauncherHarness.Result;
import io.pipecat.cli.launcher.fixtures.Fixtures;
import io.pipecat.cli.launcher.plugins.LoadedPlugin;
import io.pipecat.cli.spi.CommandGroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated bash script really completes, plugin commands included (run in a real bash). */
class CompletionTest {
    @TempDir
    Path home;

    private static final List<LoadedPlugin> PLUGINS = List.of(thirdParty(
            "tokens",
            CommandGroup.at("cloud").defaultCommand(Fixtures.ShowConfig.class).build(),
            CommandGroup.at("cloud", "auth")
                    .description("Auth")
                    .commands(Fixtures.Tokens.class, Fixtures.Login.class, Fixtures.Store.class)
                    .build()));

    @Test
    void bashCompletesGroupsCommandsAndFlags() throws Exception {
        Result script = LauncherHarness.run(home, PLUGINS, "completion", "bash");
        assertEquals(0, script.exit(), script.err());
        Path file = home.resolve("pipecat.bash");
        Files.writeString(file, script.out());

        assertEquals("cloud completion", complete(file, "pipecat c"));
        assertEquals("auth", complete(file, "pipecat cloud a"));
        assertEquals("login store tokens", complete(file, "pipecat cloud auth "), "flags wait for a '-'");
        assertEquals("--help --verbose", complete(file, "pipecat cloud auth -"));
        assertEquals("--limit", complete(file, "pipecat cloud auth tokens --l"));
        assertEquals("--headless --help", complete(file, "pipecat cloud auth login --he"));
        assertEquals("login", complete(file, "pipecat cloud auth --help lo"), "flags are not path words");
    }

    @Test
    void bashOffersArgumentValuesVerboseAndTheGroupsDefaultFlagOnlyWhereValid() throws Exception {
        Path file = script("bash");
        assertEquals("file keyring", complete(file, "pipecat cloud auth store "));
        assertEquals("keyring", complete(file, "pipecat cloud auth store k"));
        assertEquals("", complete(file, "pipecat cloud auth store file "), "one value, then nothing");
        assertEquals("bash fish zsh", complete(file, "pipecat completion "));
        assertEquals("--verbose --version", complete(file, "pipecat --ver"));
        assertEquals("--verbose", complete(file, "pipecat cloud auth login --verb"));
        assertEquals("--show-config", complete(file, "pipecat cloud --sh"), "the default command's flag on its group");
        assertEquals("", complete(file, "pipecat cloud sh"), "the hidden default command is not a word to type");
        assertEquals(
                "", complete(file, "pipecat cloud auth login --timeout "), "the value of a flag: nothing to offer");
        assertEquals("--headless", complete(file, "pipecat cloud auth login --timeout 5 --hea"));
        assertTrue(complete(file, "pipecat help ").contains("environment"));
    }

    @Test
    void zshCompletesWithoutCompinitHavingRun() throws Exception {
        Result script = LauncherHarness.run(home, PLUGINS, "completion", "zsh");
        assertEquals(0, script.exit());
        assertTrue(script.out().startsWith("#compdef pipecat\n"), script.out());
        assertTrue(script.out().contains("complete -F _pipecat pipecat"));
        Path file = home.resolve("pipecat.zsh");
        Files.writeString(file, script.out());
        assumeTrue(installed("zsh"), "zsh is not installed: its script is checked as text only");
        // zsh -f: no .zshrc, so compinit has not run; sourcing must not fail for want of compdef.
        String program = "source " + file + " || exit 3\n"
                + "(( $+functions[compdef] )) || exit 4\n"
                + "[[ $_comps[pipecat] == _bash_complete* ]] || { print -r -- \"not registered: $_comps[pipecat]\"; exit 5; }\n"
                // What bashcompinit's _bash_complete sets (zsh's 1-based words, COMP_CWORD=CURRENT-1).
                + "COMP_WORDS=(pipecat cloud auth store ''); COMP_CWORD=4\n"
                + "_pipecat\n"
                + "print -r -- \"${COMPREPLY[*]}\"\n";
        assertEquals("file keyring", runShell(List.of("zsh", "-f", "-c", program)));
    }

    @Test
    void fishCompletesThroughItsOwnCompletionEngine() throws Exception {
        Path file = script("fish");
        assumeTrue(installed("fish"), "fish is not installed");
        assertEquals("file\nkeyring", fish(file, "pipecat cloud auth store "));
        assertEquals("auth", fish(file, "pipecat cloud a"));
        assertEquals("--headless", fish(file, "pipecat cloud auth login --timeout 5 --hea"));
        assertEquals("", fish(file, "pipecat cloud auth login --timeout "));
        assertEquals("bash\nfish\nzsh", fish(file, "pipecat completion "));
        assertEquals("--show-config", fish(file, "pipecat cloud --sh"));
    }

    @Test
    void anUnknownShellIsAUsageError() {
        Result result = LauncherHarness.run(home, PLUGINS, "completion", "tcsh");
        assertEquals(2, result.exit());
        assertEquals("Usage: pipecat completion bash|zsh|fish\n", result.err());
    }

    private Path script(String shell) throws IOException {
        Result script = LauncherHarness.run(home, PLUGINS, "completion", shell);
        assertEquals(0, script.exit(), script.err());
        Path file = home.resolve("pipecat." + shell);
        Files.writeString(file, script.out());
        return file;
    }

    /** Asks fish's own engine ({@code complete -C}) what it offers for a line; descriptions dropped. */
    private String fish(Path script, String line) throws IOException, InterruptedException {
        String program = "source " + script + "; and complete -C '" + line + "'";
        return runShell(List.of("fish", "--no-config", "-c", program))
                .lines()
                .map(l -> l.split("\t", 2)[0])
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static boolean installed(String shell) {
        try {
            Process which = new ProcessBuilder(shell, "-c", "exit 0").start();
            return which.waitFor(10, TimeUnit.SECONDS) && which.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs a shell with the test's home, so that what it writes (.zcompdump, fish's data) stays there. */
    private String runShell(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("ZDOTDIR", home.toString());
        builder.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        builder.environment().put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        builder.environment().put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        Process shell = builder.start();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(shell.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, shell.exitValue(), output);
        return output;
    }

    /** Runs the completion function for a command line (cursor at its end) and returns COMPREPLY. */
    private static String complete(Path script, String line) throws IOException, InterruptedException {
        String words = line.endsWith(" ") ? line + "''" : line;
        String program = "source " + script + "\n"
                + "COMP_WORDS=(" + words + ")\n"
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "_pipecat\n"
                + "echo \"${COMPREPLY[*]}\"\n";
        Process bash = new ProcessBuilder("bash", "-c", program)
                .redirectErrorStream(true)
                .start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(bash.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), output);
        return output;
    }
}
