package io.pipecat.cli.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells whether the process's standard streams are terminals. Java 17 has no per-stream API
 * ({@code System.console()} needs both stdin and stdout to be terminals), so on Linux we read
 * {@code /proc/self/fd/N}; elsewhere we fall back to {@code System.console()}.
 */
public final class TerminalDetector {
    private TerminalDetector() {}

    /** @param fd 0, 1 or 2 */
    public static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        try {
            String target = Files.readSymbolicLink(link).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
