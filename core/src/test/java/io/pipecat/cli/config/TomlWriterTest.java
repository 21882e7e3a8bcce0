package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TomlWriterTest {

    @Test
    void officialExampleIsWrittenInTheOfficialShape() throws Exception {
        TomlDocument doc = TomlDocument.parse(TestFiles.OFFICIAL_EXAMPLE);
        assertEquals(TestFiles.OFFICIAL_EXAMPLE, doc.toToml());
    }

    @Test
    void scalarsComeBeforeTablesWhateverTheInsertionOrder() {
        TomlDocument doc = TomlDocument.empty();
        doc.tableOrCreate("acme").put("k", "v");
        doc.root().put("org", "acme");
        doc.root().put("token_expires_at", 0L);
        assertEquals("org = \"acme\"\ntoken_expires_at = 0\n\n[acme]\nk = \"v\"\n", doc.toToml());
    }

    @Test
    void stringEscapes() {
        TomlDocument doc = TomlDocument.empty();
        doc.root().put("s", "q\" b\\ \b \t \n \f \r \u0000 \u001f \u007f é 中 😀 ' #");
        assertEquals("s = \"q\\\" b\\\\ \\b \\t \\n \\f \\r \\u0000 \\u001F \\u007F é 中 😀 ' #\"\n", doc.toToml());
    }

    @Test
    void keysAreBareOnlyWhenSafe() {
        TomlDocument doc = TomlDocument.empty();
        doc.root().put("a-B_9", 1L);
        doc.root().put("a.b", 2L);
        doc.root().put("", 3L);
        doc.root().put("é", 4L);
        doc.root().put("tab\tkey", 5L);
        doc.tableOrCreate("my org").put("x y", true);
        assertEquals(
                "a-B_9 = 1\n\"a.b\" = 2\n\"\" = 3\n\"é\" = 4\n\"tab\\tkey\" = 5\n\n[\"my org\"]\n\"x y\" = true\n",
                doc.toToml());
    }

    @Test
    void datesAndTimes() {
        TomlDocument doc = TomlDocument.empty();
        doc.root().put("odt", OffsetDateTime.of(1979, 5, 27, 7, 32, 0, 0, ZoneOffset.UTC));
        doc.root().put("odt2", OffsetDateTime.of(1979, 5, 27, 0, 32, 0, 999_999_000, ZoneOffset.ofHoursMinutes(-7, 0)));
        doc.root().put("ldt", LocalDateTime.of(1979, 5, 27, 7, 32, 0, 500_000_000));
        doc.root().put("ld", LocalDate.of(1979, 5, 27));
        doc.root().put("lt", LocalTime.of(0, 32, 0, 1));
        assertEquals(
                "odt = 1979-05-27T07:32:00Z\nodt2 = 1979-05-27T00:32:00.999999-07:00\n"
                        + "ldt = 1979-05-27T07:32:00.5\nld = 1979-05-27\nlt = 00:32:00.000000001\n",
                doc.toToml());
    }

    @Test
    void nestedTablesArraysOfTablesAndInlineTables() {
        TomlDocument doc = TomlDocument.empty();
        Map<String, Object> deep = new LinkedHashMap<>();
        deep.put("d", 1L);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("c", deep);
        doc.tableOrCreate("a").put("b", b);
        Map<String, Object> e1 = new LinkedHashMap<>();
        e1.put("n", 1L);
        e1.put("sub", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("m", 2L)))));
        doc.root().put("arr", new ArrayList<>(List.of(e1, new LinkedHashMap<>())));
        doc.root()
                .put(
                        "mixed",
                        new ArrayList<>(
                                List.of(1L, new LinkedHashMap<>(Map.of("k", "v")), new ArrayList<>(List.of()))));
        doc.tableOrCreate("empty");
        assertEquals(
                "mixed = [1, { k = \"v\" }, []]\n"
                        + "\n[a.b.c]\nd = 1\n"
                        + "\n[[arr]]\nn = 1\n"
                        + "\n[[arr.sub]]\nm = 2\n"
                        + "\n[[arr]]\n"
                        + "\n[empty]\n",
                doc.toToml());
    }

    @Test
    void unwritableValuesAreRejectedWithoutQuotingThem() {
        for (Object bad : new Object[] {
            new Object(),
            "lone \uD800 SECRET",
            LocalDate.of(10000, 1, 1),
            OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.ofTotalSeconds(30))
        }) {
            TomlDocument doc = TomlDocument.empty();
            doc.tableOrCreate("t").put("k", bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, doc::toToml);
            assertTrue(e.getMessage().contains("'t.k'"), e.getMessage());
            assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        }
        TomlDocument withNull = TomlDocument.empty();
        withNull.root().put("n", null);
        assertThrows(IllegalArgumentException.class, withNull::toToml);
    }

    @Test
    void javaIntegerAndFloatAreWrittenAsTomlIntegerAndFloat() throws Exception {
        TomlDocument doc = TomlDocument.empty();
        doc.root().put("i", 7);
        doc.root().put("f", 0.5f);
        TomlDocument back = TomlDocument.parse(doc.toToml());
        assertEquals(7L, back.root().get("i"));
        assertEquals(0.5d, back.root().get("f"));
    }
}
