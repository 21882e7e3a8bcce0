package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseOptions;
import org.tomlj.TomlParseResult;

/**
 * {@link TomlReader} parses a compacted text ({@link TomlPrescan}); tomlj on the text exactly as
 * written is the reference. On random documents full of trivia runs, strings that look like
 * comments, multi-line strings holding blank and {@code #} lines, arrays spanning lines, CRLF,
 * bad characters and broken syntax, both must agree: same acceptance, same values, same key lines,
 * and the same first error (line and message) — also on the path that words errors from the
 * compacted text.
 */
class TomlReaderDifferentialTest {

    private static final int DOCUMENTS = 4_000;

    /** Plain tomlj, default options: the reference. */
    private static TomlParseResult reference(String text) {
        return Toml.parse(text, TomlParseOptions.defaults().withVersion(TomlReader.VERSION));
    }

    @Test
    void compactedParseAgreesWithTomljOnTheTextAsWritten() {
        Random random = new Random(8_06);
        int compacted = 0;
        int valid = 0;
        int invalid = 0;
        for (int i = 0; i < DOCUMENTS; i++) {
            String text = RandomToml.document(random);
            boolean wasCompacted = TomlPrescan.scan(text).compacted();
            compacted += wasCompacted ? 1 : 0;
            TomlParseResult expected = reference(text);
            if (expected.hasErrors()) {
                invalid++;
                TomlParseError first = expected.errors().get(0);
                int line = first.position() == null ? 0 : first.position().line();
                String message = TomlReader.sanitize(first.getMessage());
                // Default: malformed input is re-parsed as written, so the error is tomlj's own.
                assertError(text, line, message, TomlReader.EXACT_ERROR_COST_LIMIT);
                // Forced: the error is worded from the compacted text, lines mapped back.
                assertError(text, line, message, 0);
            } else {
                valid++;
                TomlReader.Parsed parsed = parse(text);
                assertEquals(TomlReader.toMap(expected), parsed.root(), () -> show(text));
                Map<String, Integer> lines = new LinkedHashMap<>();
                for (String key : expected.keySet()) {
                    lines.put(key, expected.inputPositionOf(List.of(key)).line());
                }
                assertEquals(lines, parsed.topLevelLines(), () -> show(text));
            }
        }
        // The generator must exercise all paths, or the agreement above proves little.
        assertTrue(compacted > DOCUMENTS / 3, "compacted " + compacted);
        assertTrue(valid > DOCUMENTS / 4, "valid " + valid);
        assertTrue(invalid > DOCUMENTS / 4, "invalid " + invalid);
    }

    @Test
    void longRunsAreShortenedAndLinesMapBack() throws Exception {
        String text = "a = 1\n" + "# c\n".repeat(5) + "\n \n" + "b = \"\"\"\n\n\n\n# x\n\"\"\"\n" + "c = [\n"
                + "  # item\n".repeat(4) + "  1,\n]\n" + "d = 2";
        TomlPrescan scan = TomlPrescan.scan(text);
        assertTrue(scan.compacted());
        // The 7-line run after a becomes 2 lines; the multi-line string keeps its blank lines.
        assertEquals(
                "a = 1\n# c\n \nb = \"\"\"\n\n\n\n# x\n\"\"\"\nc = [\n  # item\n  # item\n  1,\n]\nd = 2", scan.text());
        assertEquals(9, scan.originalLine(4)); // b
        assertEquals(22, scan.originalLine(15)); // d
        TomlDocument doc = TomlDocument.parse(text);
        assertEquals(22, doc.lineOf("d"));
        assertEquals("\n\n\n# x\n", doc.root().get("b"));
        assertEquals(7L * 7 * 7 + 4L * 4 * 4, scan.originalCost());
    }

    @Test
    void aMalformedFileWithHugeTriviaRunsFailsFastWithTheLineAsWritten() {
        String text = "token = \"x\"\n" + "# comment\n".repeat(20_000) + "org = oops\n";
        // tomlj alone needs hours here; the timeout turns that into a failure instead of a hang.
        TomlParseException e = assertTimeoutPreemptively(
                Duration.ofSeconds(30), () -> assertThrows(TomlParseException.class, () -> TomlDocument.parse(text)));
        assertEquals(20_002, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("<text hidden>"), e.getMessage());
    }

    @Test
    void tooManyValuesAreRefusedBeforeParsing() {
        String text = "[a]\nx = [" + "1,".repeat(TomlReader.MAX_STRUCTURE) + "]\n";
        TomlParseException e = assertThrows(TomlParseException.class, () -> TomlDocument.parse(text));
        assertTrue(e.tooLarge());
        assertTrue(e.getMessage().contains("over " + TomlReader.MAX_STRUCTURE), e.getMessage());
        // Marks inside strings and comments do not count.
        String quoted = "# " + ",".repeat(TomlReader.MAX_STRUCTURE) + "\na = \"" + "=".repeat(TomlReader.MAX_STRUCTURE)
                + "\"\n";
        assertEquals(1, TomlPrescan.scan(quoted).structureCount()); // the one '=' after a
    }

    private static void assertError(String text, int line, String message, long exactCostLimit) {
        try {
            TomlReader.parse(text, exactCostLimit);
            fail("accepted, but tomlj reports an error: " + show(text));
        } catch (TomlParseException e) {
            assertEquals(line, e.line(), () -> e.getMessage() + "\n" + show(text));
            assertEquals(message, e.detail(), () -> show(text));
        }
    }

    private static TomlReader.Parsed parse(String text) {
        try {
            return TomlReader.parse(text);
        } catch (TomlParseException e) {
            throw new AssertionError("rejected (" + e.getMessage() + "), tomlj accepts: " + show(text));
        }
    }

    private static String show(String text) {
        return "\n----\n" + text.replace("\r", "\\r").replace("\t", "\\t") + "\n----";
    }
}
