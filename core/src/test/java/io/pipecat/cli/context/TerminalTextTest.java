package io.pipecat.cli.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Control characters from outside never reach the terminal as themselves. */
class TerminalTextTest {
    @Test
    void escapeSequencesBecomeVisible() {
        assertEquals("\\u001b[31mred\\u001b[0m", TerminalText.line("\u001b[31mred\u001b[0m"));
        assertEquals(
                "csi \\u009b2J, bell \\u0007, del \\u007f", TerminalText.line("csi \u009b2J, bell \u0007, del \u007f"));
    }

    @Test
    void oneLineFlattensBreaksAndTabs() {
        assertEquals("a b  c d", TerminalText.line("a\nb\r\nc\td"));
    }

    @Test
    void linesKeepsBreaksAndTabsButNotALoneCarriageReturn() {
        assertEquals("a\nb\r\n\tc\\u000dd", TerminalText.lines("a\nb\r\n\tc\rd"));
    }

    @Test
    void cleanTextIsReturnedAsIs() {
        String text = "Plain text, ünïcödé and emoji 🐱 stay.";
        assertSame(text, TerminalText.line(text));
        assertEquals("", TerminalText.line(null));
    }
}
