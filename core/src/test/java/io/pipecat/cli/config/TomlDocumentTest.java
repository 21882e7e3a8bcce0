package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TomlDocumentTest {

    @Test
    void accessors() throws Exception {
        TomlDocument doc = TomlDocument.parse(TestFiles.OFFICIAL_EXAMPLE);
        assertEquals(Optional.of("acme"), doc.getString("org"));
        assertEquals(Optional.empty(), doc.getString("token_expires_at"));
        assertEquals(Optional.empty(), doc.getString("missing"));
        assertEquals(OptionalDouble.of(1795950641.7305133), doc.getNumber("token_expires_at"));
        assertEquals(OptionalDouble.empty(), doc.getNumber("org"));
        assertEquals(
                OptionalDouble.of(0), TomlDocument.parse("token_expires_at = 0").getNumber("token_expires_at"));
        assertEquals("pk_123", doc.table("acme").get("default_public_key"));
        assertNull(doc.table("org"));
        assertNull(doc.table("missing"));
        assertSame(doc.table("acme"), doc.tableOrCreate("acme"));
        assertTrue(doc.tableOrCreate("new").isEmpty());
        assertEquals(
                List.of("token", "org", "refresh_token", "token_expires_at", "acme", "new"),
                List.copyOf(doc.root().keySet()));
        assertThrows(IllegalStateException.class, () -> doc.tableOrCreate("org"));
        assertTrue(TomlDocument.empty().root().isEmpty());
        assertEquals("", TomlDocument.empty().toToml());
    }

    @Test
    void rootIsLive() throws Exception {
        TomlDocument doc = TomlDocument.parse("org = \"a\"");
        doc.root().remove("org");
        doc.tableOrCreate("t").put("k", "v");
        assertEquals("[t]\nk = \"v\"\n", doc.toToml());
    }

    @Test
    void parseErrorCarriesLineAndHidesValues() {
        TomlParseException e =
                assertThrows(TomlParseException.class, () -> TomlDocument.parse("a = 1\n\ntoken = 12eyJSECRET\n"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("line 3: "), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        assertFalse(e.getMessage().contains("eyJ"), e.getMessage());
    }

    @Test
    void toStringShowsKeysOnly() throws Exception {
        String s = TomlDocument.parse(TestFiles.OFFICIAL_EXAMPLE).toString();
        assertTrue(s.contains("token") && s.contains("acme"), s);
        assertFalse(s.contains("SECRET") || s.contains("pk_123"), s);
    }

    @Test
    void noOpUpdateKeepsCommentsAndDoesNotCreateFiles(@TempDir Path dir) throws Exception {
        String commented = "# my notes\n" + TestFiles.OFFICIAL_EXAMPLE;
        Path file = TestFiles.write(dir.resolve("c.toml"), commented, "rw-------");
        new ConfigFile(file, w -> {}).update(d -> d.tableOrCreate("acme"));
        assertEquals(commented, Files.readString(file));
        Path missing = dir.resolve("missing.toml");
        new ConfigFile(missing, w -> {}).update(d -> {});
        assertFalse(Files.exists(missing));
    }

    @Test
    void updateKeepsUntouchedKeysAndTypes(@TempDir Path dir) throws Exception {
        String text = "token_expires_at = 0\nflag = { on = true, when = 1979-05-27T07:32:00Z }\n"
                + "[[list]]\nx = 1.5\n[\"quoted org\"]\na.b = [1, \"two\"]\n";
        Path file = TestFiles.write(dir.resolve("c.toml"), text, "rw-------");
        TomlDocument before = TomlDocument.parse(text);
        assertThrows(
                ConfigFileException.class,
                () -> new ConfigFile(file, w -> {}).read(),
                "[[list]] at top level breaks the official rule");
        Path ok = TestFiles.write(dir.resolve("ok.toml"), text.replace("[[list]]", "[list]"), "rw-------");
        TomlDocument result = new ConfigFile(ok, w -> {}).update(d -> d.root().put("org", "x"));
        TomlDocument reread = TomlDocument.parse(Files.readString(ok));
        assertEquals(result.root(), reread.root());
        assertEquals(0L, reread.root().get("token_expires_at"));
        assertEquals(
                RoundTripCorpusTest.describe(before.table("flag")), RoundTripCorpusTest.describe(reread.table("flag")));
        assertEquals(
                List.of(1L, "two"),
                ((java.util.Map<?, ?>) reread.table("quoted org").get("a")).get("b"));
    }

    @Test
    void updateRefusesResultsTheOfficialCliWouldReject(@TempDir Path dir) throws Exception {
        Path file = TestFiles.write(dir.resolve("c.toml"), TestFiles.OFFICIAL_EXAMPLE, "rw-------");
        byte[] before = Files.readAllBytes(file);
        ConfigFile config = new ConfigFile(file, w -> {});
        for (var mutation : List.<java.util.function.Consumer<TomlDocument>>of(
                d -> d.root().put("foo", "SECRET-X"),
                d -> d.root().put("token", 5L),
                d -> d.root().put("token_expires_at", "SECRET-X"))) {
            ConfigFileException e = assertThrows(ConfigFileException.class, () -> config.update(mutation));
            assertTrue(e.getMessage().startsWith("Refusing to write config file " + file), e.getMessage());
            assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
            assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)));
        }
    }
}
