package io.pipecat.cli.launcher.install;

import io.pipecat.cli.context.CliIO;
import io.pipecat.cli.context.TerminalText;
import java.io.PrintStream;

/**
 * Download progress on stderr, one line redrawn per file, when stderr is a terminal; nothing
 * otherwise (a script's log gets no carriage-return noise).
 */
final class DownloadProgress implements MavenResolver.Progress {
    private final PrintStream err;
    private final boolean terminal;
    private long lastDrawn;

    DownloadProgress(CliIO io) {
        this.err = io.err();
        this.terminal = io.stderrTerminal();
    }

    @Override
    public synchronized void transferred(String resource, long bytes, long total) {
        long now = System.nanoTime();
        if (!terminal || now - lastDrawn < 100_000_000L) {
            return;
        }
        lastDrawn = now;
        err.print(
                "\r\033[2KDownloading " + name(resource) + "  " + size(bytes) + (total > 0 ? " / " + size(total) : ""));
        err.flush();
    }

    @Override
    public synchronized void done(String resource, long bytes) {
        if (terminal) {
            err.print("\r\033[2KDownloaded " + name(resource) + " (" + size(bytes) + ")\n");
            err.flush();
        }
    }

    private static String name(String resource) {
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        return TerminalText.line(name);
    }

    private static String size(long bytes) {
        return bytes < 1024
                ? bytes + " B"
                : bytes < 1024 * 1024
                        ? (bytes / 1024) + " KB"
                        : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
