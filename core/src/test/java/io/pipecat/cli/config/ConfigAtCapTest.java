package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Big files stay cheap: a config as large as the limits allow is read, validated, changed,
 * serialised, checked by re-reading and written, in a child JVM with the CLI's flags and the
 * heap limit the CLI runs with.
 */
class ConfigAtCapTest {

    /** The heap limit for the CLI's runtime; a config at the limits must fit in it. */
    static final String CLI_MAX_HEAP = "-Xmx192m";

    /** Generous: about a second on an idle machine, but the test machine may be busy. */
    private static final long MAX_MILLIS = 15_000;

    @TempDir
    Path dir;

    @Test
    void organizationTablesFillingTheSizeCapAreRewrittenWithinTheCliHeap() throws Exception {
        // Leaves room for the new token, so the rewrite stays within the cap too.
        String content = LargeConfigs.tables((int) ConfigFile.MAX_SIZE - 100);
        Path config = TestFiles.write(dir.resolve("pipecatcloud.toml"), content, "rw-------");
        int tables = TomlDocument.parse(content).root().size() - 2;
        assertTrue(tables > 10_000, "tables " + tables);

        usePatInChildJvm(config);

        TomlDocument after = TomlDocument.parse(Files.readString(config));
        assertEquals("pcc_pat_new", after.getString("token").orElseThrow());
        assertEquals(tables + 4, after.root().size());
        assertEquals("Key 9999", after.table("org-9999").get("default_public_key_name"));
        assertTrue(Files.size(config) <= ConfigFile.MAX_SIZE);
    }

    @Test
    void theMostTablesTheLimitsAllowAreRewrittenWithinTheCliHeap() throws Exception {
        // Empty tables are the most tomlj work per byte: one structure mark ('[') each.
        int count = TomlReader.MAX_STRUCTURE - 10;
        String content = LargeConfigs.emptyTables(count);
        Path config = TestFiles.write(dir.resolve("pipecatcloud.toml"), content, "rw-------");

        usePatInChildJvm(config);

        TomlDocument after = TomlDocument.parse(Files.readString(config));
        assertEquals("pcc_pat_new", after.getString("token").orElseThrow());
        assertEquals(count + 4, after.root().size());
    }

    private void usePatInChildJvm(Path config) throws Exception {
        List<String> command =
                ChildJvm.command(ConfigUsePatMain.class, List.of(CLI_MAX_HEAP), List.of(config.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            fail("use-pat on a config at the limits did not finish within 120 s");
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), output);
        long millis = Long.parseLong(output.strip());
        assertTrue(millis <= MAX_MILLIS, "took " + millis + " ms");
    }
}
