package io.pipecat.cli.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child-process entry point for multi-process tests: adds table {@code [<org>]} to a config file.
 *
 * <p>Usage: {@code ConfigWriterMain <config> <org> [<readyFile> <goFile>]}. With the two optional
 * files it announces that the JVM is up, then waits for the go signal so that all children
 * contend at once instead of being staggered by JVM start-up.
 */
public final class ConfigWriterMain {

    private ConfigWriterMain() {}

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        String org = args[1];
        if (args.length >= 4) {
            Files.createFile(Path.of(args[2]));
            Path go = Path.of(args[3]);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(go)) {
                if (System.nanoTime() > deadline) {
                    System.err.println("no go signal");
                    System.exit(3);
                }
                Thread.sleep(5);
            }
        }
        try {
            new ConfigFile(config, System.err::println).update(doc -> {
                doc.tableOrCreate(org).put("default_public_key", "pk_" + org);
                doc.tableOrCreate(org).put("default_public_key_name", "Key of " + org);
                // Widen the read-modify-write window so a missing lock would lose updates.
                sleep(15);
            });
        } catch (RuntimeException e) {
            System.err.println(e);
            System.exit(2);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
