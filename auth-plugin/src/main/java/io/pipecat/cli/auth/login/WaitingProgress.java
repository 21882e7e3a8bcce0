package io.pipecat.cli.auth.login;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A progress line on stderr while login waits for the browser (docs/behaviour.md#exit-codes-and-output: only when stderr is a
 * terminal). {@link #close()} erases it so the next message starts on a clean line.
 */
final class WaitingProgress implements AutoCloseable {
    private final PrintStream err;
    private final ScheduledExecutorService ticker;
    private final long deadlineNanos;
    private int lastLength;

    private WaitingProgress(PrintStream err, Duration timeout, boolean active) {
        this.err = err;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "login-progress");
            thread.setDaemon(true);
            return thread;
        });
        if (active) {
            ticker.scheduleAtFixedRate(this::draw, 0, 1, TimeUnit.SECONDS);
        }
    }

    /** @return a ticking progress line, or one that draws nothing when stderr is not a terminal */
    static WaitingProgress startIf(boolean stderrTerminal, PrintStream err, Duration timeout) {
        return new WaitingProgress(err, timeout, stderrTerminal);
    }

    private synchronized void draw() {
        long left = Math.max(0, TimeUnit.NANOSECONDS.toSeconds(deadlineNanos - System.nanoTime()));
        String line = "Waiting for authentication in the browser… (" + left + "s left, Ctrl-C to cancel)";
        err.print("\r" + line);
        err.flush();
        lastLength = line.length();
    }

    /** Prints a line of its own: erases the progress line first; the next tick draws it again below. */
    synchronized void println(String line) {
        erase();
        err.println(line);
        err.flush();
    }

    private void erase() {
        if (lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            lastLength = 0;
        }
    }

    @Override
    public synchronized void close() {
        ticker.shutdownNow();
        erase();
        err.flush();
    }
}
