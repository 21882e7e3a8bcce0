package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Paths that cannot be read as a config file at all; both read() and update() refuse them. */
class FileSystemErrorsTest {

    @TempDir
    Path dir;

    private static void assertFails(Executable call, Path file, String fragment) {
        ConfigFileException e = assertThrows(ConfigFileException.class, call);
        String m = e.getMessage();
        assertTrue(m.startsWith("Config file " + file + " "), m);
        assertTrue(m.contains(fragment), m);
        assertTrue(m.contains("`pipecat cloud auth login`"), m);
        assertFalse(m.contains("\n"), m);
        assertEquals(file, e.file());
    }

    @Test
    void missingFileReadsAsEmptyAndIsNotCreatedByRead() {
        Path file = dir.resolve("sub/pipecatcloud.toml");
        assertTrue(new ConfigFile(file, w -> {}).read().root().isEmpty());
        assertFalse(Files.exists(file.getParent()));
    }

    @Test
    void directory() throws Exception {
        Path file = Files.createDirectory(dir.resolve("pipecatcloud.toml"));
        ConfigFile config = new ConfigFile(file, w -> {});
        assertFails(config::read, file, "is a directory, not a file");
        assertFails(() -> config.update(d -> d.root().put("org", "x")), file, "is a directory");
        assertTrue(Files.isDirectory(file));
    }

    /** Works as root too: no permission bit makes a regular file act as a folder. */
    @Test
    void parentIsARegularFile() throws Exception {
        Path parent = Files.writeString(dir.resolve("not-a-dir"), "x");
        Path file = parent.resolve("pipecatcloud.toml");
        ConfigFile config = new ConfigFile(file, w -> {});
        assertFails(config::read, file, "cannot be read (Not a directory)");
        assertFails(() -> config.update(d -> d.root().put("org", "x")), file, "Not a directory");
        assertEquals("x", Files.readString(parent));
    }

    /** Mode 000; root ignores permission bits, so this case only runs as a normal user. */
    @Test
    void unreadableFile() throws Exception {
        Path file = TestFiles.write(dir.resolve("pipecatcloud.toml"), "org = \"acme\"\n", "---------");
        assumeFalse(TestFiles.runningAsRoot(file), "root can read mode-000 files");
        ConfigFile config = new ConfigFile(file, w -> {});
        assertFails(config::read, file, "permission denied");
    }

    @Test
    void unreadableFolder() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("locked"));
        Path file = TestFiles.write(folder.resolve("pipecatcloud.toml"), "org = \"a\"\n", "rw-------");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(TestFiles.runningAsRoot(dir), "root can traverse mode-000 folders");
            assertFails(new ConfigFile(file, w -> {})::read, file, "permission denied");
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void danglingSymlink() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("pipecatcloud.toml"), dir.resolve("gone.toml"));
        ConfigFile config = new ConfigFile(link, w -> {});
        assertFails(config::read, link, "is a symbolic link to a missing file");
        assertFails(() -> config.update(d -> d.root().put("org", "x")), link, "symbolic link");
        assertTrue(Files.isSymbolicLink(link));
        assertFalse(Files.exists(dir.resolve("gone.toml")));
    }

    @Test
    void fifoIsNotARegularFile() throws Exception {
        Path fifo = dir.resolve("pipecatcloud.toml");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeFalse(mkfifo.waitFor() != 0, "mkfifo unavailable");
        assertFails(new ConfigFile(fifo, w -> {})::read, fifo, "is not a regular file");
    }

    @Test
    void tooLargeFileIsRejectedUntouched() throws Exception {
        Path file = dir.resolve("pipecatcloud.toml");
        byte[] big = new byte[(int) ConfigFile.MAX_SIZE + 10];
        java.util.Arrays.fill(big, (byte) '#');
        Files.write(file, big);
        Files.setPosixFilePermissions(file, FilePermissions.FILE_0600);
        assertFails(new ConfigFile(file, w -> {})::read, file, "too large");
        assertArrayEquals(big, Files.readAllBytes(file));
    }
}
