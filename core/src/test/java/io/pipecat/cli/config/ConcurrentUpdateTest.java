package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No lost updates: every concurrent writer's [orgN] table survives. */
class ConcurrentUpdateTest {

    private static final int PROCESSES = 20;
    private static final int THREADS = 32;

    @TempDir
    Path dir;

    @Test
    void twentySeparateJvmProcesses() throws Exception {
        Path config = TestFiles.write(dir.resolve("pipecatcloud.toml"), TestFiles.OFFICIAL_EXAMPLE, "rw-------");
        Path go = dir.resolve("go");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            List<String> cmd = ChildJvm.command(
                    ConfigWriterMain.class,
                    List.of(),
                    List.of(
                            config.toString(),
                            "org" + i,
                            dir.resolve("ready" + i).toString(),
                            go.toString()));
            processes.add(new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out" + i).toFile())
                    .start());
        }
        try {
            // Release all children at once, after every JVM has started.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
            for (int i = 0; i < PROCESSES; i++) {
                while (!Files.exists(dir.resolve("ready" + i))) {
                    assertTrue(
                            System.nanoTime() < deadline,
                            "child " + i + " did not start: "
                                    + (Files.exists(dir.resolve("out" + i))
                                            ? Files.readString(dir.resolve("out" + i))
                                            : ""));
                    Thread.sleep(10);
                }
            }
            Files.createFile(go);
            for (int i = 0; i < PROCESSES; i++) {
                assertTrue(processes.get(i).waitFor(45, TimeUnit.SECONDS), "child " + i + " hung");
                assertEquals(0, processes.get(i).exitValue(), Files.readString(dir.resolve("out" + i)));
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
        TomlDocument doc = new ConfigFile(config, w -> {}).read();
        for (int i = 0; i < PROCESSES; i++) {
            assertEquals("pk_org" + i, doc.table("org" + i).get("default_public_key"), "org" + i + " lost");
        }
        assertEquals("pk_123", doc.table("acme").get("default_public_key"));
        assertEquals(1795950641.7305133, doc.getNumber("token_expires_at").orElseThrow());
        assertEquals(PROCESSES + 5, doc.root().size());
    }

    /**
     * Threads of one JVM, through one shared instance, separate instances, and a symlink alias of
     * the same file: they must queue (no OverlappingFileLockException) and lose nothing.
     */
    @Test
    void manyThreadsInOneJvm() throws Exception {
        Path config = TestFiles.write(dir.resolve("pipecatcloud.toml"), TestFiles.OFFICIAL_EXAMPLE, "rw-------");
        Path alias = Files.createSymbolicLink(dir.resolve("alias.toml"), config);
        ConfigFile shared = new ConfigFile(config, w -> {});
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            String org = "org" + i;
            ConfigFile file = switch (i % 3) {
                case 0 -> shared;
                case 1 -> new ConfigFile(config, w -> {});
                default -> new ConfigFile(alias, w -> {});
            };
            futures.add(pool.submit(() -> {
                start.await();
                file.update(d -> {
                    d.tableOrCreate(org).put("default_public_key", "pk_" + org);
                    Thread.yield();
                });
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        TomlDocument doc = shared.read();
        for (int i = 0; i < THREADS; i++) {
            assertEquals("pk_org" + i, doc.table("org" + i).get("default_public_key"));
        }
        assertTrue(Files.isSymbolicLink(alias));
    }

    @Test
    void nestedUpdateOfTheSameFileIsRejectedNotDeadlocked() throws Exception {
        ConfigFile file = new ConfigFile(dir.resolve("c.toml"), w -> {});
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class, () -> file.update(d -> file.update(inner -> {})));
        assertTrue(e.getMessage().contains("Nested"));
        file.update(d -> d.root().put("org", "still-works"));
        assertEquals("still-works", file.read().getString("org").orElseThrow());
    }
}
