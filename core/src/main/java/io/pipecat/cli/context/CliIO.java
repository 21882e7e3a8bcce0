package io.pipecat.cli.context;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * The invocation's standard streams and what they are connected to. Results go to
 * {@link #out()}; errors, warnings and progress go to {@link #err()}.
 *
 * @param in               standard input
 * @param out              standard output (results)
 * @param err              standard error (errors, warnings, progress)
 * @param stdinTerminal    whether stdin is an interactive terminal (prompts allowed)
 * @param stdoutTerminal   whether stdout is a terminal
 * @param stderrTerminal   whether stderr is a terminal (progress lines allowed)
 */
public record CliIO(
        InputStream in,
        PrintStream out,
        PrintStream err,
        boolean stdinTerminal,
        boolean stdoutTerminal,
        boolean stderrTerminal) {

    public CliIO {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /** Streams that are not terminals: what tests and pipes get. */
    public static CliIO of(InputStream in, PrintStream out, PrintStream err) {
        return new CliIO(in, out, err, false, false, false);
    }
}
