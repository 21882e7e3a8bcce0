package io.pipecat.cli.launcher;

import static io.pipecat.cli.launcher.fixtures.Fixtures.thirdParty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            CommandGroup.at("cloud", "auth")
                    .description("Auth")
                    .commands(Fixtures.Tokens.class, Fixtures.Login.class)
                    .build()));

    @Test
    void bashCompletesGroupsCommandsAndFlags() throws Exception {
        Result script = LauncherHarness.run(home, PLUGINS, "completion", "bash");
        assertEquals(0, script.exit(), script.err());
        Path file = home.resolve("pipecat.bash");
        Files.writeString(file, script.out());

        assertEquals("cloud completion", complete(file, "pipecat c"));
        assertEquals("auth", complete(file, "pipecat cloud a"));
        assertEquals("login tokens", complete(file, "pipecat cloud auth ").replace("--help ", ""));
        assertEquals("--limit", complete(file, "pipecat cloud auth tokens --l"));
        assertEquals("--headless --help", complete(file, "pipecat cloud auth login --he"));
        assertEquals("login", complete(file, "pipecat cloud auth --help lo"), "flags are not path words");
    }

    @Test
    void zshLoadsTheBashFunctionThroughBashcompinit() {
        Result script = LauncherHarness.run(home, PLUGINS, "completion", "zsh");
        assertEquals(0, script.exit());
        assertTrue(script.out().startsWith("#compdef pipecat\nautoload -U +X bashcompinit && bashcompinit\n"));
        assertTrue(script.out().contains("complete -F _pipecat pipecat"));
    }

    @Test
    void anUnknownShellIsAUsageError() {
        Result result = LauncherHarness.run(home, PLUGINS, "completion", "fish");
        assertEquals(2, result.exit());
        assertEquals("Usage: pipecat completion bash|zsh\n", result.err());
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
