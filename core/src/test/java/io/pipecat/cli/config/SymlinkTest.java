package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents the symlink choice: a symlinked config file (e.g. managed by a dotfiles repository) is
 * followed for reading, and writing replaces the link's target in the target's folder, so the
 * link stays a link pointing where it did.
 */
class SymlinkTest {

    @TempDir
    Path dir;

    @Test
    void readFollowsTheLink() throws Exception {
        Path target = TestFiles.write(dir.resolve("real.toml"), TestFiles.OFFICIAL_EXAMPLE, "rw-------");
        Path link = Files.createSymbolicLink(dir.resolve("pipecatcloud.toml"), target);
        assertEquals(
                "acme", new ConfigFile(link, w -> {}).read().getString("org").orElseThrow());
    }

    @Test
    void writeReplacesTheTargetAndKeepsTheLink() throws Exception {
        Path dotfiles = Files.createDirectory(dir.resolve("dotfiles"));
        Path target = TestFiles.write(dotfiles.resolve("pipecat.toml"), TestFiles.OFFICIAL_EXAMPLE, "rw-------");
        Path config = Files.createDirectory(dir.resolve("config"));
        Path link = Files.createSymbolicLink(config.resolve("pipecatcloud.toml"), Path.of("../dotfiles/pipecat.toml"));

        new ConfigFile(link, w -> {}).update(d -> d.root().put("org", "other"));

        assertTrue(Files.isSymbolicLink(link));
        assertEquals(Path.of("../dotfiles/pipecat.toml"), Files.readSymbolicLink(link));
        assertEquals(
                "other",
                TomlDocument.parse(Files.readString(target)).getString("org").orElseThrow());
        assertEquals("rw-------", TestFiles.mode(target));
        // Lock and temp files live beside the target, none beside the link.
        assertTrue(Files.exists(dotfiles.resolve("pipecat.toml.lock")));
        try (var s = Files.list(config)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void chainOfLinksIsFollowedToTheEnd() throws Exception {
        Path target = TestFiles.write(dir.resolve("real.toml"), "org = \"a\"\n", "rw-------");
        Path middle = Files.createSymbolicLink(dir.resolve("middle.toml"), target);
        Path link = Files.createSymbolicLink(dir.resolve("pipecatcloud.toml"), middle);
        new ConfigFile(link, w -> {}).update(d -> d.tableOrCreate("a").put("k", 1L));
        assertTrue(Files.isSymbolicLink(link) && Files.isSymbolicLink(middle));
        assertEquals(1L, TomlDocument.parse(Files.readString(target)).table("a").get("k"));
    }

    @Test
    void linkPermissionsAreRepairedOnTheTarget() throws Exception {
        Path target = TestFiles.write(dir.resolve("real.toml"), "org = \"a\"\n", "rw-r--r--");
        Path link = Files.createSymbolicLink(dir.resolve("pipecatcloud.toml"), target);
        TestFiles.Warnings warnings = new TestFiles.Warnings();
        new ConfigFile(link, warnings).read();
        assertEquals("rw-------", TestFiles.mode(target));
        assertEquals(1, warnings.lines.size());
    }
}
