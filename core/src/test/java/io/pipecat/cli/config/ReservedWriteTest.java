package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ConfigFile#transact} on a real full file system (a small tmpfs): the space for the write
 * is reserved before the step that cannot be undone, so a full disk fails that step cleanly
 * instead of losing its result; and a reservation, once made, carries the write even if the disk
 * fills up meanwhile. Needs {@code mount -t tmpfs} (root); skipped with the reason otherwise.
 */
class ReservedWriteTest {

    @TempDir
    Path base;

    private Path mount;

    @BeforeEach
    void mountSmallTmpfs() throws Exception {
        mount = Files.createDirectory(base.resolve("small"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", mount.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        boolean mounted = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        if (!mounted) {
            mount = null;
        }
        assumeTrue(mounted, "cannot mount a small tmpfs here (needs root): " + out);
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            Process p = new ProcessBuilder("umount", mount.toString())
                    .redirectErrorStream(true)
                    .start();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, "umount " + mount);
        }
    }

    @Test
    void aFullDiskFailsTheReservationBeforeTheStepAndChangesNothingThenWorksOnceFreed() throws Exception {
        Path config = TestFiles.write(mount.resolve("pipecatcloud.toml"), TestFiles.OFFICIAL_EXAMPLE, "rw-------");
        byte[] old = Files.readAllBytes(config);
        Path filler = fill(mount.resolve("filler"));
        ConfigFile file = new ConfigFile(config, w -> {});
        AtomicBoolean stepTaken = new AtomicBoolean();

        ConfigFileException e = assertThrows(
                ConfigFileException.class,
                () -> file.transact(tx -> {
                    tx.reserveWrite();
                    stepTaken.set(true);
                    tx.document().root().put("token", "new-token");
                    return null;
                }));
        assertEquals(
                "Config file " + config + " cannot take a new write (No space left on device);"
                        + " nothing was changed and nothing was sent. Free some space or fix the folder's"
                        + " permissions, then try again.",
                e.getMessage());
        assertFalse(stepTaken.get(), "the irreversible step never ran");
        assertArrayEquals(old, Files.readAllBytes(config));
        assertEquals(List.of(config, filler).stream().sorted().toList(), listing(), "no temp file left");
        assertThrows(ConfigFileException.class, file::checkWritable, "the probe sees it too");

        Files.delete(filler);
        String result = file.transact(tx -> {
            tx.reserveWrite();
            tx.document().root().put("token", "new-token");
            return "done";
        });
        assertEquals("done", result);
        assertEquals("new-token", file.read().getString("token").orElseThrow());
        assertEquals(List.of(config), listing());
    }

    @Test
    void theWriteLandsInTheReservedSpaceEvenIfTheDiskFillsMeanwhile() throws Exception {
        Path config = TestFiles.write(mount.resolve("pipecatcloud.toml"), TestFiles.OFFICIAL_EXAMPLE, "rw-------");
        ConfigFile file = new ConfigFile(config, w -> {});
        file.transact(tx -> {
            tx.reserveWrite();
            try {
                fill(mount.resolve("filler")); // someone else takes every free byte during the refresh
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            tx.document().root().put("token", "t".repeat(4000)); // a large new token
            tx.document().root().put("refresh_token", "r".repeat(4000));
            return null;
        });
        assertEquals("t".repeat(4000), file.read().getString("token").orElseThrow());
        assertEquals("pk_123", file.read().table("acme").get("default_public_key"));
        assertEquals(List.of(config, mount.resolve("filler")).stream().sorted().toList(), listing());
    }

    /** Writes zeros until the file system is full. */
    private static Path fill(Path filler) throws IOException {
        try (OutputStream out = Files.newOutputStream(filler)) {
            byte[] chunk = new byte[4096];
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        return filler;
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(mount)) {
            return s.filter(p -> !p.getFileName().toString().endsWith(".lock"))
                    .sorted()
                    .toList();
        }
    }
}
