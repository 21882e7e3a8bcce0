package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegenerateTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T11:07:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path malformed() throws Exception {
        Path file = dir.resolve("pipecatcloud.toml");
        Files.write(file, new byte[] {'t', 'o', 'k', 'e', 'n', ' ', '=', ' ', (byte) 0xFF, '\n'});
        Files.setPosixFilePermissions(file, FilePermissions.FILE_0600);
        return file;
    }

    @Test
    void malformedFileIsBackedUpByteForByteThenReplaced() throws Exception {
        Path file = malformed();
        byte[] original = Files.readAllBytes(file);
        ConfigFile.UpdateResult result = new ConfigFile(file, w -> {}, CLOCK)
                .updateRegenerating(d -> d.root().put("token", "new"));

        Path backup = dir.resolve("pipecatcloud.toml.bak-20261129T110700Z");
        assertEquals(Optional.of(backup), result.backup());
        assertArrayEquals(original, Files.readAllBytes(backup));
        assertEquals("rw-------", TestFiles.mode(backup));
        assertEquals(Map.of("token", "new"), result.document().root());
        assertEquals("token = \"new\"\n", Files.readString(file));
    }

    @Test
    void existingBackupIsNeverOverwritten() throws Exception {
        Path file = malformed();
        Path first = Files.writeString(dir.resolve("pipecatcloud.toml.bak-20261129T110700Z"), "older");
        ConfigFile.UpdateResult result = new ConfigFile(file, w -> {}, CLOCK).updateRegenerating(d -> {});
        assertEquals("older", Files.readString(first));
        assertEquals(Optional.of(dir.resolve("pipecatcloud.toml.bak-20261129T110700Z-2")), result.backup());
        // Even an empty result replaces the malformed file.
        assertEquals("", Files.readString(file));
    }

    @Test
    void ruleBreakingFileIsAlsoRegenerated() throws Exception {
        Path file = TestFiles.write(dir.resolve("c.toml"), "foo = 1\n[acme]\n", "rw-------");
        ConfigFile.UpdateResult r = new ConfigFile(file, w -> {}, CLOCK)
                .updateRegenerating(d -> d.root().put("org", "acme"));
        assertTrue(r.backup().isPresent());
        assertEquals("foo = 1\n[acme]\n", Files.readString(r.backup().get()));
    }

    @Test
    void validFileIsUpdatedWithoutBackup() throws Exception {
        Path file = TestFiles.write(dir.resolve("c.toml"), TestFiles.OFFICIAL_EXAMPLE, "rw-------");
        ConfigFile.UpdateResult r = new ConfigFile(file, w -> {}, CLOCK)
                .updateRegenerating(d -> d.root().put("org", "b"));
        assertEquals(Optional.empty(), r.backup());
        assertEquals("pk_123", r.document().table("acme").get("default_public_key"));
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".bak-")));
        }
    }

    @Test
    void plainUpdateRefusesMalformedFileAndMakesNoBackup() throws Exception {
        Path file = malformed();
        assertThrows(
                ConfigFileException.class,
                () -> new ConfigFile(file, w -> {}, CLOCK).update(d -> d.root().put("org", "x")));
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".bak-")));
        }
    }

    @Test
    void unreadablePathsAreNotRegenerated() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("pipecatcloud.toml"));
        assertThrows(
                ConfigFileException.class, () -> new ConfigFile(folder, w -> {}, CLOCK).updateRegenerating(d -> {}));
        assertTrue(Files.isDirectory(folder));
    }
}
