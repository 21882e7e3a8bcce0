package io.pipecat.cli.launcher;

import static io.pipecat.cli.launcher.fixtures.Fixtures.thirdParty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.launcher.LauncherHarness.Result;
import io.pipecat.cli.launcher.fixtures.Fixtures;
import io.pipecat.cli.launcher.plugins.LoadedPlugin;
import io.pipecat.cli.launcher.plugins.PluginSource;
import io.pipecat.cli.spi.CommandGroup;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failure messages, warnings and stack traces come partly from outside (servers, plugins): the
 * launcher never lets a control character from them reach the terminal.
 */
class TerminalEscapesTest {
    @TempDir
    Path home;

    private static final LoadedPlugin FAILING = thirdParty(
            "failing", CommandGroup.at("test").commands(Fixtures.Fail.class).build());

    @Test
    void aPluginExceptionMessageWithEscapeSequencesIsPrintedEscaped() {
        Result result = LauncherHarness.run(home, List.of(FAILING), "test", "fail", "--kind", "escape-runtime");
        assertEquals(1, result.exit());
        assertNoControlCharacters(result.err());
        assertEquals(
                "Error: IllegalStateException: \\u001b[31mred\\u001b[0m and \\u009b2J"
                        + " (run with --verbose for details)\n",
                result.err());
    }

    @Test
    void aCliExceptionMessageKeepsNoEscapeBellOrCarriageReturn() {
        Result result = LauncherHarness.run(home, List.of(FAILING), "test", "fail", "--kind", "escape-error");
        assertEquals(1, result.exit());
        assertNoControlCharacters(result.err());
        assertEquals("server said \\u001b[2Jno\\u000d\\u0007\n", result.err());
    }

    @Test
    void theVerboseStackTraceIsEscapedToo() {
        Result result =
                LauncherHarness.run(home, List.of(FAILING), "--verbose", "test", "fail", "--kind", "escape-runtime");
        assertEquals(1, result.exit());
        assertNoControlCharacters(result.err());
        assertTrue(result.err().contains("java.lang.IllegalStateException: \\u001b[31mred"), result.err());
        assertTrue(result.err().contains("\tat "), "the trace keeps its layout: " + result.err());
    }

    @Test
    void aWarningIsOneLineWithoutControlCharacters() {
        Result result = LauncherHarness.run(home, List.of(FAILING), "test", "fail", "--kind", "escape-warn");
        assertEquals(0, result.exit(), result.err());
        assertEquals("Warning: look \\u001b]0;owned\\u0007 here and here\n", result.err());
    }

    @Test
    void aSkippedPluginsProblemIsPrintedEscaped() {
        LoadedPlugin broken = LoadedPlugin.broken(
                "evil", PluginSource.jar(Path.of("/plugins/evil.jar")), "bad descriptor \u001b[8mhidden\u001b[0m");
        Result result = LauncherHarness.run(home, List.of(broken), "plugins", "list");
        assertNoControlCharacters(result.err());
        assertTrue(result.err().contains("skipped: bad descriptor \\u001b[8mhidden\\u001b[0m"), result.err());
    }

    /** Nothing but newlines and tabs below U+0020, no DEL, no C1. */
    private static void assertNoControlCharacters(String text) {
        for (char c : text.toCharArray()) {
            boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
            assertFalse(control, "control character U+" + Integer.toHexString(c) + " in: " + text);
        }
    }
}
