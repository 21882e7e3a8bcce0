package io.pipecat.cli.auth.login;

import io.pipecat.cli.context.CliIO;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.context.TerminalLine;
import io.pipecat.cli.context.TerminalSize;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What login shows on stderr while it waits (docs/behaviour.md#login), only when stderr is a
 * terminal, on one {@link TerminalLine} (one row at any width, ended on every way out, Ctrl-C
 * included):
 *
 * <ul>
 *   <li>waiting for the browser: a countdown redrawn every second;
 *   <li>waiting for a paste typed on the terminal: a prompt with the time the wait ends, printed
 *       once and never redrawn, since a redraw would land on what the user types (the terminal
 *       hands the program nothing of a line before Enter); after a line that does not settle the
 *       login, the prompt is printed again on the new line.
 * </ul>
 *
 * Lines printed while waiting ({@link #println}) go above the progress line.
 */
final class WaitingProgress implements AutoCloseable, PastedRedirectReader.Listener {
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("HH:mm");

    private final PrintStream err;
    private final TerminalLine line; // null: stderr is not a terminal
    private final ScheduledExecutorService ticker; // null: nothing to redraw
    private final long deadlineNanos;
    private final String until;

    private WaitingProgress(CliIO io, Environment env, Duration timeout, LocalTime now, boolean promptForPaste) {
        this.err = io.err();
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.until = now.plus(timeout).format(UNTIL);
        this.line = io.stderrTerminal() ? TerminalLine.open(err, () -> TerminalSize.columns(env)) : null;
        if (line != null && !promptForPaste) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "login-progress");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::drawCountdown, 0, 1, TimeUnit.SECONDS);
        } else {
            ticker = null;
            if (line != null) {
                promptForPaste();
            }
        }
    }

    /**
     * @param io       the streams: nothing is drawn unless stderr is a terminal
     * @param env      for the terminal's width
     * @param timeout  how long the login waits
     * @param now      the local time now (the paste prompt says when the wait ends)
     * @param pasteTyped whether the user may type a pasted address on this terminal now (stdin is
     *     the terminal and a paste is accepted): then a prompt, else a countdown
     */
    static WaitingProgress start(CliIO io, Environment env, Duration timeout, LocalTime now, boolean pasteTyped) {
        return new WaitingProgress(io, env, timeout, now, pasteTyped);
    }

    private void drawCountdown() {
        // Rounded up: the first tick of a 120 s wait says 120s, the last one 1s.
        long left = Math.max(0, (deadlineNanos - System.nanoTime() + 999_999_999L) / 1_000_000_000L);
        line.show(
                "Waiting for authentication in the browser… (" + left + "s left, Ctrl-C to cancel)",
                "Waiting for the browser… " + left + "s left (Ctrl-C to cancel)",
                "Waiting… " + left + "s (Ctrl-C to cancel)",
                "Waiting… " + left + "s");
    }

    private void promptForPaste() {
        line.prompt(
                "Paste it here (waiting until " + until + ", Ctrl-C to cancel): ",
                "Paste it here (until " + until + ", Ctrl-C to cancel): ",
                "Paste it here (until " + until + "): ",
                "Paste it here: ");
    }

    /** Prints a line of its own (a refused callback) above the progress line. */
    void println(String message) {
        if (line != null) {
            line.printAbove(message);
        } else {
            err.println(message);
            err.flush();
        }
    }

    @Override
    public void lineEntered() {
        if (line != null) {
            line.inputEnded();
        }
    }

    @Override
    public void stillWaiting() {
        if (line != null) {
            promptForPaste();
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (line != null) {
            line.close();
        }
        err.flush();
    }
}
