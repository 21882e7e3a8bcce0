package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the size limits mean for reading and writing, and that they are met cheaply. */
class ConfigFileLimitsTest {

    @TempDir
    Path dir;

    private final StringBuilder warnings = new StringBuilder();

    private ConfigFile config(Path file) {
        return new ConfigFile(file, warnings::append);
    }

    @Test
    void aRewriteThatWouldExceedTheSizeCapIsRefusedAndTheFileKept() throws Exception {
        // Tables without the blank line the CLI writes before each header: the rewrite grows.
        StringBuilder sb = new StringBuilder(LargeConfigs.HEADER);
        for (int i = 0; sb.length() < ConfigFile.MAX_SIZE - 100; i++) {
            sb.append("[org-")
                    .append(i)
                    .append("]\nk = \"")
                    .append("v".repeat(60))
                    .append("\"\n");
        }
        Path file = TestFiles.write(dir.resolve("pipecatcloud.toml"), sb.toString(), "rw-------");
        byte[] before = Files.readAllBytes(file);
        config(file).read(); // readable as it is

        ConfigFileException e = assertThrows(
                ConfigFileException.class,
                () -> config(file).update(doc -> doc.root().put("token", "pcc_pat_new")));

        assertTrue(
                e.getMessage()
                        .startsWith("Refusing to write config file " + file + ": it would be over "
                                + ConfigFile.MAX_SIZE + " bytes"),
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        try (var files = Files.list(dir)) {
            assertTrue(
                    files.map(f -> f.getFileName().toString())
                            .noneMatch(name -> name.contains(".tmp") || name.contains(".bak")),
                    "no temp or backup file");
        }
    }

    @Test
    void tooManyKeysAndTablesAreRefusedQuicklyWithOneClearLine() throws Exception {
        String content = LargeConfigs.emptyTables(TomlReader.MAX_STRUCTURE + 1);
        Path file = TestFiles.write(dir.resolve("pipecatcloud.toml"), content, "rw-------");

        long start = System.nanoTime();
        ConfigFileException e =
                assertThrows(ConfigFileException.class, () -> config(file).read());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(
                "Config file " + file + " is too large to be a Pipecat Cloud config (over "
                        + TomlReader.MAX_STRUCTURE + " keys, table headers and array items). Fix or remove it,"
                        + " then run `pipecat cloud auth login`.",
                e.getMessage());
        assertTrue(millis < 2_000, millis + " ms: refused before parsing");
    }

    @Test
    void tablesNestedAsDeepAsTomljReadsAreRewritten() throws Exception {
        // tomlj reads up to 128 levels; the writer used to stop at 100 with an IllegalArgumentException.
        String header = "t" + ".t".repeat(119);
        Path file = TestFiles.write(
                dir.resolve("pipecatcloud.toml"), LargeConfigs.HEADER + "[" + header + "]\nk = 1\n", "rw-------");

        config(file).update(doc -> doc.root().put("token", "pcc_pat_new"));

        Map<String, Object> table = config(file).read().table("t");
        for (int level = 1; level < 120; level++) {
            table = castMap(table.get("t"));
        }
        assertEquals(1L, table.get("k"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
