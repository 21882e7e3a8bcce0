package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed with SIGKILL in the worst moment (new content complete and fsynced in the temp
 * file, rename not yet done) leaves the old file intact; the next write removes its leftover temp
 * file.
 */
class CrashSafetyTest {

    @TempDir
    Path dir;

    private Process startPausedWriter(Path config, String org, long pauseMillis) throws Exception {
        List<String> cmd = ChildJvm.command(
                ConfigWriterMain.class,
                List.of("-D" + AtomicFileWriter.PAUSE_PROPERTY + "=" + pauseMillis),
                List.of(config.toString(), org));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.out").toFile())
                .start();
    }

    /** Waits until the child's temp file exists and has its full content. */
    private Path awaitCompleteTempFile(Path config, Process child) throws Exception {
        String prefix = AtomicFileWriter.tempPrefix(config);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && child.isAlive()) {
            Optional<Path> temp = temps(prefix).findFirst();
            if (temp.isPresent()
                    && Files.size(temp.get()) > 0
                    && Files.readString(temp.get()).contains("Key of crasher")) {
                return temp.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no temp file appeared; child output: " + Files.readString(dir.resolve("child.out")));
    }

    private Stream<Path> temps(String prefix) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList().stream();
        }
    }

    @Test
    void killMinus9BeforeRenameKeepsOldBytesAndTheNextWriteRemovesTheTemp() throws Exception {
        Path config = TestFiles.write(dir.resolve("pipecatcloud.toml"), TestFiles.OFFICIAL_EXAMPLE, "rw-------");
        byte[] old = Files.readAllBytes(config);
        Process child = startPausedWriter(config, "crasher", 60_000);
        try {
            Path temp = awaitCompleteTempFile(config, child);
            assertEquals("rw-------", TestFiles.mode(temp), "temp file must be 0600 from creation");
            assertArrayEquals(old, Files.readAllBytes(config), "not renamed yet");
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertArrayEquals(old, Files.readAllBytes(config));
        assertEquals(
                "acme", new ConfigFile(config, w -> {}).read().getString("org").orElseThrow());

        // The killed writer's lock died with it and its temp file, named with its PID, is left ...
        String prefix = AtomicFileWriter.tempPrefix(config);
        Path leftover = temps(prefix).findFirst().orElseThrow();
        assertEquals(
                child.pid(),
                AtomicFileWriter.writerPid(leftover.getFileName().toString().substring(prefix.length()))
                        .orElseThrow());
        // ... and the next write removes it at once, fresh as it is: its writer no longer exists.
        ConfigFile file = new ConfigFile(config, w -> {});
        file.update(d -> d.tableOrCreate("after").put("k", 1L));
        assertEquals(1L, file.read().table("after").get("k"));
        assertEquals(0, temps(prefix).count(), "a dead writer's temp file is removed whatever its age");
        assertFalse(file.read().root().containsKey("crasher"));
    }

    @Test
    void pausedWriterAllowedToFinishPublishesNewContent() throws Exception {
        Path config = TestFiles.write(dir.resolve("pipecatcloud.toml"), TestFiles.OFFICIAL_EXAMPLE, "rw-------");
        byte[] old = Files.readAllBytes(config);
        Process child = startPausedWriter(config, "crasher", 700);
        try {
            awaitCompleteTempFile(config, child);
            assertArrayEquals(old, Files.readAllBytes(config), "readers still see the old file");
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue(), Files.readString(dir.resolve("child.out")));
        } finally {
            child.destroyForcibly();
        }
        TomlDocument doc = new ConfigFile(config, w -> {}).read();
        assertEquals("pk_crasher", doc.table("crasher").get("default_public_key"));
        assertEquals("pk_123", doc.table("acme").get("default_public_key"));
        assertEquals("rw-------", TestFiles.mode(config));
        assertEquals(0, temps(AtomicFileWriter.tempPrefix(config)).count());
    }
}
