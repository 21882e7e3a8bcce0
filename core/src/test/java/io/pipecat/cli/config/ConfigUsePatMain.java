package io.pipecat.cli.config;

import java.nio.file.Path;

/**
 * Child-process entry point for bounded-heap tests: does what {@code use-pat} does to the config
 * file (one locked read-validate-modify-serialise-check-write through {@link ConfigFile#update})
 * and prints how long it took, in milliseconds. Exits 2 with the error on stderr if it fails,
 * including {@link OutOfMemoryError}.
 *
 * <p>Usage: {@code ConfigUsePatMain <config>}.
 */
public final class ConfigUsePatMain {

    private ConfigUsePatMain() {}

    public static void main(String[] args) {
        long start = System.nanoTime();
        try {
            new ConfigFile(Path.of(args[0]), System.err::println).update(doc -> {
                doc.root().put("token", "pcc_pat_new");
                doc.root().put("refresh_token", "");
                doc.root().put("token_expires_at", 0L);
                doc.root().put("org", "org-1");
            });
        } catch (RuntimeException | OutOfMemoryError e) {
            System.err.println(e);
            System.exit(2);
        }
        System.out.println((System.nanoTime() - start) / 1_000_000);
    }
}
