package io.pipecat.cli.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pipecat.cli.context.CliIO;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.errors.CliException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher's one error line is red on a terminal; the hints under it, and any pipe, stay plain. */
class ErrorColourTest {
    private static final String RED = "\u001b[31m";
    private static final String RESET = "\u001b[0m";

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void onATerminalTheErrorLineIsRedAndItsHintsArePlain() {
        int code = PipecatLauncher.report(
                io(true, Map.of()),
                CliException.usage("unknown command \"whoam\" for \"pipecat cloud auth\"\n\nDid you mean this?\n"
                        + "\twhoami\n\nRun 'pipecat cloud auth --help' for usage."),
                false);
        assertEquals(2, code);
        assertEquals(
                RED + "unknown command \"whoam\" for \"pipecat cloud auth\"" + RESET
                        + "\n\nDid you mean this?\n\twhoami\n\nRun 'pipecat cloud auth --help' for usage.\n",
                text());
    }

    @Test
    void anUnexpectedFailureIsOneRedLine() {
        PipecatLauncher.report(io(true, Map.of()), new IllegalStateException("boom"), false);
        assertEquals(
                RED + "Error: IllegalStateException: boom (run with --verbose for details)" + RESET + "\n", text());
    }

    @Test
    void inAPipeOrWithNoColorTheMessageIsUnchanged() {
        PipecatLauncher.report(
                io(false, Map.of()), CliException.error("Failed to fetch your organizations (500)."), false);
        PipecatLauncher.report(
                io(true, Map.of("NO_COLOR", "1")),
                CliException.error("Failed to fetch your organizations (500)."),
                false);
        assertEquals("Failed to fetch your organizations (500).\nFailed to fetch your organizations (500).\n", text());
    }

    /** An escape sequence inside a message is still shown escaped: colour adds only our own. */
    @Test
    void colourDoesNotLetAServersEscapeSequenceThrough() {
        PipecatLauncher.report(io(true, Map.of()), CliException.error("bad \u001b[2J body"), false);
        assertEquals(RED + "bad \\u001b[2J body" + RESET + "\n", text());
    }

    private CliIO io(boolean stderrTerminal, Map<String, String> env) {
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new CliIO(new ByteArrayInputStream(new byte[0]), stream, stream, false, false, stderrTerminal)
                .styledFor(Environment.of(env));
    }

    private String text() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
