package io.pipecat.cli.launcher;

import static io.pipecat.cli.launcher.fixtures.Fixtures.thirdParty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.launcher.LauncherHarness.Result;
import io.pipecat.cli.launcher.fixtures.Fixtures;
import io.pipecat.cli.launcher.plugins.LoadedPlugin;
import io.pipecat.cli.spi.CommandGroup;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a command throws becomes an exit code and one line on stderr, through the real launcher. */
class ExitCodeMappingTest {
    @TempDir
    Path home;

    private static final LoadedPlugin FAILING = thirdParty(
            "failing", CommandGroup.at("test").commands(Fixtures.Fail.class).build());

    @ParameterizedTest(name = "{0} -> exit {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "none        | 0   | ",
                "error       | 1   | server said no",
                "runtime     | 1   | Error: IllegalStateException: boom (run with --verbose for details)",
                "usage       | 2   | bad usage here",
                "auth        | 4   | You are not logged in. Please run pipecat cloud auth login first.",
                "store       | 5   | keyring is locked",
                "interrupted | 130 | Interrupted.",
            })
    void failuresMapToExitCodes(String kind, int exit, String message) {
        Result result = LauncherHarness.run(home, List.of(FAILING), "test", "fail", "--kind", kind);
        assertEquals(exit, result.exit(), result.err());
        assertEquals(message == null ? "" : message + "\n", result.err());
        assertFalse(result.err().contains("\tat "), "no stack trace without --verbose");
    }

    @Test
    void verboseShowsTheStackTrace() {
        Result result = LauncherHarness.run(home, List.of(FAILING), "test", "fail", "--kind", "runtime", "--verbose");
        assertEquals(1, result.exit());
        assertTrue(result.err().contains("java.lang.IllegalStateException: boom"), result.err());
        assertTrue(result.err().contains("\tat "), result.err());

        Result global = LauncherHarness.run(home, List.of(FAILING), "--verbose", "test", "fail", "--kind", "store");
        assertEquals(5, global.exit());
        assertTrue(global.err().contains("CliException"), global.err());
    }
}
