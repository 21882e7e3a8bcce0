package io.pipecat.cli.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A line kept unfinished on a terminal: one row at any width, never drawn over typing, always ended. */
class TerminalLineTest {
    private static final String[] COUNTDOWN = {
        "Waiting for authentication in the browser… (119s left, Ctrl-C to cancel)",
        "Waiting for the browser… 119s left (Ctrl-C to cancel)",
        "Waiting… 119s (Ctrl-C to cancel)",
        "Waiting… 119s"
    };

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @ParameterizedTest(name = "{0} columns -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            200 | Waiting for authentication in the browser… (119s left, Ctrl-C to cancel)
            73  | Waiting for authentication in the browser… (119s left, Ctrl-C to cancel)
            72  | Waiting for the browser… 119s left (Ctrl-C to cancel)
            60  | Waiting for the browser… 119s left (Ctrl-C to cancel)
            40  | Waiting… 119s (Ctrl-C to cancel)
            20  | Waiting… 119s
            10  | 'Waiting… '
            1   | W
            """)
    void theLongestVariantThatLeavesTheLastColumnFreeIsChosen(int columns, String expected) {
        assertEquals(expected, TerminalLine.fit(OptionalInt.of(columns), COUNTDOWN));
    }

    @Test
    void anUnknownWidthGetsALineForFortyColumns() {
        assertEquals("Waiting… 119s (Ctrl-C to cancel)", TerminalLine.fit(OptionalInt.empty(), COUNTDOWN));
    }

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {20, 40, 60, 80, 120})
    void everyRedrawStaysOnOneRow(int columns) {
        try (TerminalLine line = TerminalLine.open(stream, () -> OptionalInt.of(columns))) {
            for (int left = 119; left >= 95; left -= 12) {
                String[] variants = new String[COUNTDOWN.length];
                for (int i = 0; i < variants.length; i++) {
                    variants[i] = COUNTDOWN[i].replace("119", Integer.toString(left));
                }
                line.show(variants);
            }
        }
        String out = text();
        assertTrue(!out.contains("\n"), "a redrawn line never starts a row: " + out);
        for (String row : out.split("\r")) {
            assertTrue(
                    row.codePointCount(0, row.length()) < columns,
                    "each segment fits in " + (columns - 1) + " columns: '" + row + "'");
        }
    }

    @Test
    void aShorterRedrawBlanksWhatTheLongerOneLeft() {
        try (TerminalLine line = TerminalLine.open(stream, () -> OptionalInt.of(80))) {
            line.show("Waiting… 10s left");
            line.show("Waiting… 9s left");
        }
        assertEquals("\rWaiting… 10s left\rWaiting… 9s left \rWaiting… 9s left\r                \r", text());
    }

    @Test
    void closingErasesAShownLineSoTheNextMessageStartsOnAClearRow() {
        TerminalLine line = TerminalLine.open(stream, () -> OptionalInt.of(80));
        line.show("Waiting… 9s");
        line.close();
        stream.println("Authentication timed out.");
        assertEquals("\rWaiting… 9s\r           \rAuthentication timed out.\n", text());
    }

    @Test
    void aPromptIsNeverRedrawnAndIsEndedWithANewline() {
        TerminalLine line = TerminalLine.open(stream, () -> OptionalInt.of(80));
        line.prompt("Paste it here: ");
        line.show("Waiting… 9s"); // the user may be typing after the prompt: nothing is drawn
        line.close();
        assertEquals("Paste it here: \n", text());
    }

    @Test
    void afterEnterThePromptLineIsOverAndAMessageNeedsNoExtraNewline() {
        TerminalLine line = TerminalLine.open(stream, () -> OptionalInt.of(80));
        line.prompt("Paste it here: ");
        line.inputEnded(); // the terminal echoed the user's Enter
        line.printAbove("Ignored the pasted address.");
        line.prompt("Paste it here: ");
        line.close();
        assertEquals("Paste it here: Ignored the pasted address.\nPaste it here: \n", text());
    }

    @Test
    void aMessageWhileAProgressLineIsShownGoesAboveIt() {
        try (TerminalLine line = TerminalLine.open(stream, () -> OptionalInt.of(80))) {
            line.show("Waiting… 9s");
            line.printAbove("Ignored a login callback.");
            line.show("Waiting… 8s");
        }
        assertEquals("\rWaiting… 9s\r           \rIgnored a login callback.\n\rWaiting… 8s\r           \r", text());
    }

    @Test
    void nothingIsDrawnAfterClose() {
        TerminalLine line = TerminalLine.open(stream, () -> OptionalInt.of(80));
        line.close();
        line.show("late tick");
        line.prompt("late prompt");
        assertEquals("", text());
    }

    /**
     * SIGTERM (and SIGINT, Ctrl-C) stop the JVM while the command still waits: no finally block
     * runs, only shutdown hooks. The line must still end with a newline, so that the shell's prompt
     * starts on a row of its own.
     */
    @ParameterizedTest(name = "SIG{0} with a {1} -> exit {2}")
    @CsvSource({"TERM, shown line, 143", "INT, shown line, 130", "INT, prompt, 130", "TERM, prompt, 143"})
    void aSignalEndsTheUnfinishedLineWithANewline(String signal, String kind, int exitCode, @TempDir Path dir)
            throws Exception {
        assumeFalse(
                "INT".equals(signal) && sigintIgnoredHere(),
                "SIGINT is ignored by this test JVM (started in the background), so its children ignore it too");
        Path err = dir.resolve("err.txt");
        Process child = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-Xshare:auto",
                        "-cp",
                        Path.of("target", "classes").toAbsolutePath()
                                + File.pathSeparator
                                + Path.of("target", "test-classes").toAbsolutePath(),
                        TerminalLineChildMain.class.getName(),
                        kind.equals("prompt") ? "prompt" : "show"))
                .redirectError(err.toFile())
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("READY", out.readLine(), Files.readString(err));
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
            assertEquals(0, kill.waitFor());
            assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the child ends on SIG" + signal);
            assertEquals(exitCode, child.exitValue());
        } finally {
            child.destroyForcibly();
        }
        String written = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(
                kind.equals("prompt") ? "Paste it here: \n" : "\rWaiting… 9s (Ctrl-C to cancel)\n",
                written,
                "the line is kept and ended");
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Bit 2 (SIGINT) of the ignored-signals mask in /proc/self/status. */
    private static boolean sigintIgnoredHere() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0b10) != 0;
            }
        }
        return false;
    }
}
