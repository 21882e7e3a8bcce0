package io.pipecat.cli.config;

import java.nio.file.Path;

/**
 * Child-process entry point for timing tests: loads config files with {@link ConfigFile#read()}
 * in a fresh JVM (started with the CLI's flags) and prints the best time of each, in
 * milliseconds, one per line.
 *
 * <p>Usage: {@code ConfigLoadTimingMain <warm-up file> <file>...}. The warm-up file is loaded
 * twice first, so the first measured file does not also pay for class loading.
 */
public final class ConfigLoadTimingMain {

    private ConfigLoadTimingMain() {}

    public static void main(String[] args) {
        load(Path.of(args[0]));
        load(Path.of(args[0]));
        for (int i = 1; i < args.length; i++) {
            Path file = Path.of(args[i]);
            long best = Long.MAX_VALUE;
            for (int run = 0; run < 3; run++) {
                long start = System.nanoTime();
                load(file);
                best = Math.min(best, System.nanoTime() - start);
            }
            System.out.println(best / 1_000_000.0);
        }
    }

    private static void load(Path file) {
        new ConfigFile(file, warning -> {}).read();
    }
}
