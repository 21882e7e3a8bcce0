package io.pipecat.cli.context;

import java.io.PrintStream;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * One line of a terminal that a command keeps unfinished for a while: a progress line redrawn in
 * place ({@link #show}) or a prompt the user types after ({@link #prompt}). It keeps the rest of the
 * output, and the shell after it, tidy:
 *
 * <ul>
 *   <li>a shown line always fits on one row: the longest variant that fits the terminal's width
 *       less one column is drawn, else the shortest cut to fit (a line that wraps leaves a row
 *       behind at every redraw, since {@code \r} returns only to the start of the last row); with
 *       no known width, 40 columns are assumed;
 *   <li>once a prompt is out, {@link #show} draws nothing: a terminal edits the line being typed
 *       itself and tells the program nothing until Enter, so a redraw would land on the user's
 *       typing;
 *   <li>{@link #printAbove} prints a message of its own without mixing it into the line;
 *   <li>{@link #close()} erases a shown line (the next output starts on a clean row) and ends a
 *       prompt with a newline; if the process is stopped first (Ctrl-C, SIGTERM), a shutdown hook
 *       ends the line with a newline and nothing is drawn after that.
 * </ul>
 *
 * <p>Use it only on a terminal (see {@link CliIO#stderrTerminal()}). Thread-safe: a ticker thread
 * may redraw while another prints above.
 */
public final class TerminalLine implements AutoCloseable {
    /** The width assumed when the terminal's is unknown: narrow enough for any terminal in use. */
    static final int UNKNOWN_WIDTH = 40;

    private enum State {
        /** Nothing on the line; the cursor is at its start. */
        EMPTY,
        /** A shown text, {@link #shownLength} columns; the cursor after it. */
        SHOWN,
        /** A prompt, possibly followed by the user's typing; the cursor somewhere after it. */
        PROMPT,
        /** Closed, or ended at exit: nothing more is written. */
        DONE
    }

    private final PrintStream stream;
    private final Supplier<OptionalInt> columns;
    private final LinesOpenAtExit.Open atExit = this::endAtExit;
    private State state = State.EMPTY;
    private int shownLength;

    private TerminalLine(PrintStream stream, Supplier<OptionalInt> columns) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.columns = Objects.requireNonNull(columns, "columns");
    }

    /**
     * @param stream  a stream connected to a terminal
     * @param columns the terminal's width, asked before each drawing (a terminal can be resized),
     *     e.g. {@code () -> TerminalSize.columns(env)}; empty when unknown
     * @return a line, registered to be ended if the process stops before {@link #close()}
     */
    public static TerminalLine open(PrintStream stream, Supplier<OptionalInt> columns) {
        TerminalLine line = new TerminalLine(stream, columns);
        LinesOpenAtExit.add(line.atExit);
        return line;
    }

    /**
     * Replaces the line's text with the first of {@code variants} that fits (longest first); with
     * none fitting, the last one cut to fit. Does nothing while a prompt is out, or once closed.
     */
    public synchronized void show(String... variants) {
        if (state == State.PROMPT || state == State.DONE) {
            return;
        }
        String text = fit(columns.get(), variants);
        int length = text.codePointCount(0, text.length());
        StringBuilder line = new StringBuilder("\r").append(text);
        if (state == State.SHOWN && shownLength > length) {
            // Spaces rather than an erase-line escape: dumb terminals understand them too.
            line.append(" ".repeat(shownLength - length)).append('\r').append(text);
        }
        stream.print(line);
        stream.flush();
        state = State.SHOWN;
        shownLength = length;
    }

    /**
     * Prints a prompt (the first of {@code variants} that fits) on a line of its own; the user types
     * after it. From now on {@link #show} draws nothing.
     */
    public synchronized void prompt(String... variants) {
        if (state == State.DONE) {
            return;
        }
        clear();
        stream.print(fit(columns.get(), variants));
        stream.flush();
        state = State.PROMPT;
    }

    /** The user pressed Enter: the terminal has moved to a new, empty line. */
    public synchronized void inputEnded() {
        if (state == State.PROMPT) {
            state = State.EMPTY;
        }
    }

    /**
     * Prints {@code message} and a newline on a row of its own: a shown text is erased first (the
     * next {@link #show} draws it again below), a prompt is ended with a newline.
     */
    public synchronized void printAbove(String message) {
        if (state == State.DONE) {
            stream.println(message);
            stream.flush();
            return;
        }
        clear();
        stream.println(message);
        stream.flush();
    }

    /** Erases a shown text, ends a prompt with a newline; nothing is drawn afterwards. */
    @Override
    public synchronized void close() {
        if (state != State.DONE) {
            clear();
            stream.flush();
            state = State.DONE;
        }
        LinesOpenAtExit.remove(atExit);
    }

    /** The process is stopping with the line unfinished: end it with a newline, draw nothing more. */
    private synchronized void endAtExit() {
        if (state == State.SHOWN || state == State.PROMPT) {
            stream.print(System.lineSeparator());
            stream.flush();
        }
        state = State.DONE;
    }

    private void clear() {
        if (state == State.SHOWN) {
            stream.print("\r" + " ".repeat(shownLength) + "\r");
        } else if (state == State.PROMPT) {
            stream.print(System.lineSeparator());
        }
        state = State.EMPTY;
        shownLength = 0;
    }

    /**
     * @param columns  the terminal's width; empty when unknown, taken as {@value #UNKNOWN_WIDTH}
     * @param variants the texts, longest first; at least one
     * @return the first variant shorter than the width, else the last one cut to one column less
     *     than the width
     */
    static String fit(OptionalInt columns, String... variants) {
        if (variants.length == 0) {
            throw new IllegalArgumentException("no text to show");
        }
        // The last column stays free: writing into it makes some terminals wrap at once.
        int room = Math.max(1, columns.orElse(UNKNOWN_WIDTH) - 1);
        for (String variant : variants) {
            if (variant.codePointCount(0, variant.length()) <= room) {
                return variant;
            }
        }
        String last = variants[variants.length - 1];
        return last.substring(0, last.offsetByCodePoints(0, room));
    }
}
