package io.pipecat.cli.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When a stream gets colour, and what colour does to text. */
class StyleTest {

    @ParameterizedTest(name = "{0} on a terminal={1} -> colour={2}")
    @CsvSource(delimiter = '|', textBlock = """
            (nothing)                      | true  | true
            (nothing)                      | false | false
            NO_COLOR=1                     | true  | false
            NO_COLOR=0                     | true  | false
            NO_COLOR=                      | true  | true
            TERM=dumb                      | true  | false
            TERM=xterm-256color            | true  | true
            CLICOLOR=0                     | true  | false
            CLICOLOR=1                     | false | false
            CLICOLOR_FORCE=1               | false | true
            CLICOLOR_FORCE=1,TERM=dumb     | false | true
            CLICOLOR_FORCE=0               | false | false
            CLICOLOR_FORCE=1,NO_COLOR=1    | true  | false
            FORCE_COLOR=1                  | false | false
            """)
    void colourIsDecidedByTheEnvironmentAndTheTerminal(String variables, boolean terminal, boolean coloured) {
        assertEquals(coloured, Style.decide(env(variables), terminal).enabled());
    }

    @Test
    void aPlainStyleReturnsEveryTextUnchanged() {
        Style plain = Style.decide(env("NO_COLOR=1"), true);
        assertSame(Style.PLAIN, plain);
        for (String text : new String[] {"Authentication successful!", "two\nlines", ""}) {
            assertSame(text, plain.success(text));
            assertSame(text, plain.warning(text));
            assertSame(text, plain.error(text));
            assertSame(text, plain.highlight(text));
            assertSame(text, plain.bold(text));
        }
    }

    @Test
    void eachKindHasItsColourAndEndsWithAReset() {
        Style colour = Style.decide(env("(nothing)"), true);
        assertEquals("\u001b[32mok\u001b[0m", colour.success("ok"));
        assertEquals("\u001b[33mcareful\u001b[0m", colour.warning("careful"));
        assertEquals("\u001b[31mfailed\u001b[0m", colour.error("failed"));
        assertEquals("\u001b[1;36macme\u001b[0m", colour.highlight("acme"));
        assertEquals("\u001b[1mbold\u001b[0m", colour.bold("bold"));
    }

    @Test
    void severalLinesAreStyledLineByLineSoNoColourCrossesALineBreak() {
        Style colour = Style.decide(env("(nothing)"), true);
        assertEquals("\u001b[31mone\u001b[0m\n\n\u001b[31mtwo\u001b[0m\n", colour.error("one\n\ntwo\n"));
    }

    @Test
    void cliIoDecidesEachStreamOnItsOwn() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        CliIO io = new CliIO(new ByteArrayInputStream(new byte[0]), sink, sink, false, false, true);
        assertFalse(io.outStyle().enabled(), "not decided yet: plain");
        CliIO styled = io.styledFor(env("(nothing)"));
        assertFalse(styled.outStyle().enabled(), "stdout is a pipe");
        assertTrue(styled.errStyle().enabled(), "stderr is a terminal");
        assertFalse(io.styledFor(env("NO_COLOR=yes")).errStyle().enabled());
    }

    private static Environment env(String variables) {
        Map<String, String> map = new HashMap<>();
        if (!variables.equals("(nothing)")) {
            for (String pair : variables.split(",")) {
                int eq = pair.indexOf('=');
                map.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return Environment.of(map);
    }
}
