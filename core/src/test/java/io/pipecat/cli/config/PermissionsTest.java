package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real POSIX modes: new files 0600, new folders 0700, leaky modes repaired with one warning. */
class PermissionsTest {

    @TempDir
    Path dir;

    @Test
    void newFileIs0600AndMissingFoldersAre0700() throws Exception {
        Path file = dir.resolve("a/b/pipecatcloud.toml");
        new ConfigFile(file, w -> {}).update(d -> d.root().put("org", "acme"));
        assertEquals("rw-------", TestFiles.mode(file));
        assertEquals("rwx------", TestFiles.mode(dir.resolve("a")));
        assertEquals("rwx------", TestFiles.mode(dir.resolve("a/b")));
        assertEquals("rw-------", TestFiles.mode(ConfigFileLock.lockFileFor(file)));
    }

    @Test
    void existingFolderKeepsItsMode() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        new ConfigFile(dir.resolve("c.toml"), w -> {}).update(d -> d.root().put("org", "acme"));
        assertEquals("rwxr-xr-x", TestFiles.mode(dir));
    }

    @Test
    void rewriteOfA0644FileYields0600() throws Exception {
        Path file = TestFiles.write(dir.resolve("c.toml"), "org = \"a\"\n", "rw-r--r--");
        TestFiles.Warnings warnings = new TestFiles.Warnings();
        new ConfigFile(file, warnings).update(d -> d.root().put("org", "b"));
        assertEquals("rw-------", TestFiles.mode(file));
        assertEquals(1, warnings.lines.size(), warnings.lines.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-rw-rw-", "rw-r-----", "rwxrwxrwx", "r--r--r--"})
    void readRepairsReadableByOthersWithExactlyOneWarning(String mode) throws Exception {
        Path file = TestFiles.write(dir.resolve("pipecatcloud.toml"), TestFiles.OFFICIAL_EXAMPLE, mode);
        byte[] before = Files.readAllBytes(file);
        TestFiles.Warnings warnings = new TestFiles.Warnings();
        new ConfigFile(file, warnings).read();
        assertEquals("rw-------", TestFiles.mode(file));
        assertEquals(List.of(file + " was readable by other users; permissions reset to 0600."), warnings.lines);
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)));
        new ConfigFile(file, warnings).read();
        assertEquals(1, warnings.lines.size(), "second read must not warn again");
    }

    @Test
    void groupWriteOnlyIsAlsoRepaired() throws Exception {
        Path file = TestFiles.write(dir.resolve("c.toml"), "", "rw--w----");
        TestFiles.Warnings warnings = new TestFiles.Warnings();
        new ConfigFile(file, warnings).read();
        assertEquals("rw-------", TestFiles.mode(file));
        assertEquals(List.of(file + " was accessible by other users; permissions reset to 0600."), warnings.lines);
    }

    /**
     * A read must never change a file that is not a config, not even its mode: the path may point,
     * through a symlink, at some other file of the user's. Only a file that parsed is repaired.
     */
    @ParameterizedTest
    @ValueSource(strings = {"hello world, not TOML\n", "token = 12345\n", "color = \"blue\"\n"})
    void readThroughASymlinkLeavesTheModeOfAFileThatIsNotAConfigAlone(String content) throws Exception {
        Path notes = TestFiles.write(dir.resolve("notes.txt"), content, "rw-r--r--");
        Path link = Files.createSymbolicLink(dir.resolve("pipecatcloud.toml"), notes);
        TestFiles.Warnings warnings = new TestFiles.Warnings();
        ConfigFile config = new ConfigFile(link, warnings);

        assertThrows(MalformedConfigFileException.class, config::read);
        assertThrows(
                MalformedConfigFileException.class,
                () -> config.update(d -> d.root().put("org", "x")));

        assertEquals("rw-r--r--", TestFiles.mode(notes));
        assertEquals(content, Files.readString(notes));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(List.of(), warnings.lines);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-------", "r--------"})
    void ownerOnlyModesAreLeftAloneSilently(String mode) throws Exception {
        Path file = TestFiles.write(dir.resolve("c.toml"), "org = \"a\"\n", mode);
        TestFiles.Warnings warnings = new TestFiles.Warnings();
        new ConfigFile(file, warnings).read();
        assertEquals(mode, TestFiles.mode(file));
        assertTrue(warnings.lines.isEmpty());
    }
}
