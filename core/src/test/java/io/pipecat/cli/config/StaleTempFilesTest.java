package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The next write (under the lock) removes temp files whose writer no longer exists, whatever
 * their age, and the older name format without a PID; a live process's fresh temp file is kept.
 */
class StaleTempFilesTest {

    @TempDir
    Path dir;

    @Test
    void deadWritersAndOldFormatTempsGoLiveOnesStayUntilStale() throws Exception {
        Path config = TestFiles.write(dir.resolve("pipecatcloud.toml"), TestFiles.OFFICIAL_EXAMPLE, "rw-------");
        String prefix = AtomicFileWriter.tempPrefix(config);
        long deadPid = deadPid();
        Process live = new ProcessBuilder("sleep", "60").start();
        try {
            Path dead = Files.writeString(dir.resolve(prefix + deadPid + "-abc123"), "token = \"secret\"\n");
            Path oldFormat = Files.writeString(dir.resolve(prefix + "8317459012345678901"), "token = \"x\"\n");
            Path liveFresh = Files.writeString(dir.resolve(prefix + live.pid() + "-fresh1"), "x");
            Path liveOld = Files.writeString(dir.resolve(prefix + live.pid() + "-old1"), "x");
            Files.setLastModifiedTime(liveOld, FileTime.from(Instant.now().minusSeconds(120)));
            Path otherFile = Files.writeString(dir.resolve(".other.toml.tmp-" + deadPid + "-abc"), "x");

            new ConfigFile(config, w -> {}).update(d -> d.root().put("org", "beta"));

            assertFalse(Files.exists(dead), "fresh, but its writer is dead");
            assertFalse(Files.exists(oldFormat), "old name format: its writer held the lock, so it is gone");
            assertTrue(Files.exists(liveFresh), "its writer is alive: might still be writing");
            assertFalse(Files.exists(liveOld), "a minute old: a reused PID, not a live write");
            assertTrue(Files.exists(otherFile), "another file's temp files are not ours to judge");
        } finally {
            live.destroyForcibly();
            live.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void writerPidIsReadFromTheNewNameFormatOnly() {
        assertEquals(1234L, AtomicFileWriter.writerPid("1234-k3x9").orElseThrow());
        assertTrue(AtomicFileWriter.writerPid("8317459012345678901").isEmpty());
        assertTrue(AtomicFileWriter.writerPid("12-").isEmpty());
        assertTrue(AtomicFileWriter.writerPid("x-12").isEmpty());
    }

    @Test
    void aWriteNamesItsTempFileWithItsPidAndLeavesNothing() throws Exception {
        Path config = dir.resolve("pipecatcloud.toml");
        ConfigFile file = new ConfigFile(config, w -> {});
        String prefix = AtomicFileWriter.tempPrefix(config);
        List<String> seen = file.transact(tx -> {
            tx.reserveWrite();
            tx.document().root().put("org", "acme");
            try (Stream<Path> s = Files.list(dir)) {
                return s.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith(prefix))
                        .toList();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(1, seen.size(), seen.toString());
        assertEquals(
                ProcessHandle.current().pid(),
                AtomicFileWriter.writerPid(seen.get(0).substring(prefix.length()))
                        .orElseThrow());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(
                    List.of(),
                    s.map(p -> p.getFileName().toString())
                            .filter(n -> n.startsWith(prefix))
                            .toList());
        }
        assertEquals("acme", file.read().getString("org").orElseThrow());
    }

    /** A PID that belonged to a process which has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        long pid = p.pid();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        return pid;
    }
}
