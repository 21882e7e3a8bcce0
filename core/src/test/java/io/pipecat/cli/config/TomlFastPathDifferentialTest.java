package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlParseOptions;
import org.tomlj.TomlParseResult;

/**
 * {@link TomlFastPath} against tomlj, the grammar of record: on generated documents made of the
 * subset's pieces and of everything just outside it, whatever the fast path accepts tomlj accepts
 * with the same values, value types, key order and key lines; whatever it refuses goes to tomlj,
 * so {@link TomlReader#parse} gives exactly what tomlj alone gives, errors included.
 */
class TomlFastPathDifferentialTest {

    private static final int DOCUMENTS = 20_000;

    private static final String[] KEYS = {
        "token",
        "org",
        "refresh_token",
        "token_expires_at",
        "my-org",
        "default_public_key",
        "a",
        "A_b-9",
        "123",
        "-",
        "_",
        "true",
        "k",
        "k2",
        "k3",
        "org-2",
    };

    private static final String[] ODD_KEYS = {"k", "org", "\"quoted\"", "a.b", "'lit'", "ü", "a b", "", " k"};

    private static final String[] VALUES = {
        "\"plain\"",
        "\"\"",
        "\"eyJhbGciOiJIUzI1NiJ9.e30.sig\"",
        "\"with # hash and = and [x]\"",
        "\"tab\there\"",
        "\"esc \\\" \\\\ \\b \\t \\n \\f \\r\"",
        "\"\\u00e9\\u0041\\u20ac\\u007F\\u0000\"",
        "\"ünï €\"",
        "\"nbsp\u00a0\"",
        "'literal \\ no escapes'",
        "''",
        "0",
        "-0",
        "+0",
        "1",
        "-1",
        "+42",
        "1764547200",
        "9223372036854775807",
        "-9223372036854775808",
        "1.5",
        "-0.0",
        "+0.0",
        "0.1",
        "3.14159265358979323846264",
        "1795950641.7305133",
        "0.30000000000000004",
        "true",
        "false",
    };

    private static final String[] ODD_VALUES = {
        "\"\\uD800\"",
        "\"\\uDFFF\"",
        "\"\\U0001F600\"",
        "\"\\e\"",
        "\"\\x41\"",
        "\"\\q\"",
        "\"\\u00G1\"",
        "\"\\u12\"",
        "\"\\u0660\\u0661\"",
        "\"\\\"",
        "\"😀\"",
        "\"ctl \u0001\"",
        "\"del \u007f\"",
        "\"unterminated",
        "'it''s'",
        "'ctl \u0001'",
        "'''ml'''",
        "\"\"\"ml\"\"\"",
        "01",
        "007",
        "9223372036854775808",
        "-9223372036854775809",
        "1_000",
        "0x1f",
        "0o7",
        "0b1",
        "1.",
        ".5",
        "1.5e3",
        "1e5",
        "1E-2",
        "1.0_1",
        "00.5",
        "1.5.2",
        "inf",
        "-inf",
        "nan",
        "+nan",
        "True",
        "trueish",
        "falsey",
        "1979-05-27",
        "1979-05-27T07:32:00Z",
        "07:32:00",
        "[1, 2]",
        "[]",
        "{ a = 1 }",
        "{}",
        "",
        "1 2",
        "\"a\" \"b\"",
        "- 1",
        "+",
        "-",
    };

    private static final String[] COMMENTS = {"", "", "", " # c", "# c", "\t# tab", " #", " # ünï", " ## twice"};

    private static final String[] ODD_COMMENTS = {" # \u0001", " # \u007f", " # 😀", " # \"x\" = [y]", " # \r", " x"};

    private static final String[] OTHER_LINES = {"", "", "   ", "\t", "# comment", "  # indented", "#", "# ünï"};

    private static final String[] ODD_LINES = {
        "# \u0001",
        "# \u007f",
        "\uFEFF# bom",
        "\f",
        "[[arr]]",
        "[a.b]",
        "[ spaced ]",
        "[\"quoted\"]",
        "[]",
        "[x] y",
        "[unclosed",
        "= 1",
        "k = 1 = 2",
        "\u00a0k = 1",
        "a.b = 1",
        "k\t=\t\"tabs\"\t",
        "k=1",
        "k =1#c",
        "lone \r cr = 1",
        "# 😀",
    };

    /** tomlj as {@link TomlReader} runs it. */
    private static TomlParseResult reference(String text) {
        return Toml.parse(text, TomlParseOptions.sourceless().withVersion(TomlReader.VERSION));
    }

    @Test
    void whatTheFastPathAcceptsTomljReadsTheSameAndEverythingElseFallsBackToTomlj() {
        Random random = new Random(12_01);
        int accepted = 0;
        int refusedValid = 0;
        int invalid = 0;
        for (int d = 0; d < DOCUMENTS; d++) {
            String text = document(random);
            TomlReader.Parsed fast = TomlFastPath.parse(text);
            TomlParseResult expected = reference(text);
            if (fast != null) {
                accepted++;
                if (expected.hasErrors()) {
                    fail("fast path accepted what tomlj rejects ("
                            + expected.errors().get(0) + "):\n" + show(text));
                }
                assertSame(expected, fast, text);
            } else if (expected.hasErrors()) {
                invalid++;
            } else {
                refusedValid++;
            }
            assertReaderAgreesWithTomljAlone(text);
        }
        // The generator must reach both sides of the subset's edge, or the agreement proves little.
        assertTrue(accepted > DOCUMENTS / 5, "accepted " + accepted);
        assertTrue(refusedValid > DOCUMENTS / 20, "valid but refused " + refusedValid);
        assertTrue(invalid > DOCUMENTS / 5, "invalid " + invalid);
    }

    @Test
    void theCorpusOfTheCompactionTestAgreesToo() {
        Random random = new Random(806);
        int accepted = 0;
        for (int d = 0; d < 4_000; d++) {
            String text = RandomToml.document(random);
            TomlReader.Parsed fast = TomlFastPath.parse(text);
            if (fast != null) {
                accepted++;
                TomlParseResult expected = reference(text);
                assertFalse(expected.hasErrors(), () -> show(text));
                assertSame(expected, fast, text);
            }
            assertReaderAgreesWithTomljAlone(text);
        }
        assertTrue(accepted > 50, "accepted " + accepted);
    }

    @Test
    void realConfigFilesTakeTheFastPath() {
        String oneOrg = "token = \"eyJhbGciOiJIUzI1NiJ9.e30.sig\"\nrefresh_token = \"rt_0123\"\n"
                + "token_expires_at = 1795950641.7305133\norg = \"my-org\"\n\n[my-org]\n"
                + "default_public_key = \"pk_0123\"\ndefault_secret_set = \"my-secrets\"\n";
        StringBuilder many = new StringBuilder(oneOrg);
        for (int i = 0; i < 10_000; i++) {
            many.append("\n[org-")
                    .append(i)
                    .append("]\ndefault_public_key = \"pk_")
                    .append(i)
                    .append("\"\n");
        }
        for (String text : List.of(oneOrg, oneOrg.replace("\n", "\r\n"), many.toString())) {
            TomlReader.Parsed fast = TomlFastPath.parse(text);
            assertNotNull(fast, () -> show(text));
            assertSame(reference(text), fast, text);
        }
        // What the CLI itself writes is read back on the fast path as well.
        TomlDocument written = TomlDocument.empty();
        written.root().put("token", "pcc_pat_x");
        written.root().put("token_expires_at", 0L);
        written.tableOrCreate("my-org").put("default_secret_set", "s");
        assertNotNull(TomlFastPath.parse(written.toToml()), written::toToml);
    }

    @Test
    void pastTheStructureLimitTomljsPathRefusesTheFile() {
        String text = "k = 1\n[t]\n" + "x = 1.5\n".repeat(TomlReader.MAX_STRUCTURE / 2);
        // Two per float: one over the limit, counted as TomlPrescan counts.
        assertTrue(TomlPrescan.scan(text).structureCount() > TomlReader.MAX_STRUCTURE);
        assertNotNull(TomlFastPath.parse(text.replace("x = 1.5\n", "")));
        TomlParseException e = assertThrows(TomlParseException.class, () -> TomlReader.parse(text));
        assertTrue(e.getMessage().contains("keys, table headers"), e.getMessage());
    }

    private static void assertSame(TomlParseResult expected, TomlReader.Parsed fast, String text) {
        LinkedHashMap<String, Object> values = TomlReader.toMap(expected);
        assertEquals(values, fast.root(), () -> show(text));
        // toString shows the order of keys and tells 1 from 1.0.
        assertEquals(values.toString(), fast.root().toString(), () -> show(text));
        assertTypes(values, fast.root(), text);
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (String key : expected.keySet()) {
            lines.put(key, expected.inputPositionOf(List.of(key)).line());
        }
        assertEquals(lines, fast.topLevelLines(), () -> show(text));
    }

    private static void assertTypes(Map<?, ?> expected, Map<?, ?> actual, String text) {
        expected.forEach((k, v) -> {
            Object other = actual.get(k);
            assertEquals(v.getClass(), other.getClass(), () -> k + " in\n" + show(text));
            if (v instanceof Map<?, ?> table) {
                assertTypes(table, (Map<?, ?>) other, text);
            }
        });
    }

    /** The reader with the fast path gives what tomlj alone gives: values, lines, or the same error. */
    private static void assertReaderAgreesWithTomljAlone(String text) {
        Object withFastPath = outcome(() -> TomlReader.parse(text));
        Object tomljAlone = outcome(() -> TomlReader.parseWithTomlj(text, TomlReader.EXACT_ERROR_COST_LIMIT));
        assertEquals(tomljAlone, withFastPath, () -> show(text));
    }

    private interface Parse {
        TomlReader.Parsed run() throws TomlParseException;
    }

    private static Object outcome(Parse parse) {
        try {
            TomlReader.Parsed parsed = parse.run();
            return List.of(parsed.root().toString(), parsed.root(), parsed.topLevelLines());
        } catch (TomlParseException e) {
            return List.of("error", e.line(), e.getMessage());
        }
    }

    /** Credentials-file-like documents, each line drawn from the subset or from just outside it. */
    private static String document(Random random) {
        StringBuilder sb = new StringBuilder();
        int lines = 1 + random.nextInt(14);
        for (int i = 0; i < lines; i++) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                sb.append(pick(random, KEYS, ODD_KEYS))
                        .append(spacing(random))
                        .append('=')
                        .append(spacing(random))
                        .append(pick(random, VALUES, ODD_VALUES))
                        .append(pick(random, COMMENTS, ODD_COMMENTS));
            } else if (kind < 7) {
                sb.append('[')
                        .append(pick(random, KEYS, ODD_KEYS))
                        .append(']')
                        .append(pick(random, COMMENTS, ODD_COMMENTS));
            } else {
                sb.append(pick(random, OTHER_LINES, ODD_LINES));
            }
            sb.append('\n');
        }
        String text = sb.toString();
        if (random.nextInt(4) == 0) {
            text = text.replace("\n", "\r\n");
        }
        if (random.nextInt(3) == 0) {
            text = text.stripTrailing();
        }
        return text;
    }

    /** Mostly from the subset, now and then from just outside it. */
    private static String pick(Random random, String[] usual, String[] odd) {
        return random.nextInt(30) == 0 ? pick(random, odd) : pick(random, usual);
    }

    private static String spacing(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> "\t";
            case 2 -> "  ";
            default -> " ";
        };
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String show(String text) {
        return text.replace("\r", "\\r").replace("\t", "\\t");
    }
}
