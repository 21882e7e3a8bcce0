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
 * @param outStyle         the colours of {@link #out()}: {@link Style#PLAIN} unless it is a
 *                         terminal that wants colour (the launcher decides, see {@link Style#decide})
 * @param errStyle         the colours of {@link #err()}, decided the same way
 */
public record CliIO(
        InputStream in,
        PrintStream out,
        PrintStream err,
        boolean stdinTerminal,
        boolean stdoutTerminal,
        boolean stderrTerminal,
        Style outStyle,
        Style errStyle) {

    public CliIO {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(outStyle, "outStyle");
        Objects.requireNonNull(errStyle, "errStyle");
    }

    /** Streams without colour; {@link #styledFor} gives them the colours the environment asks for. */
    public CliIO(
            InputStream in,
            PrintStream out,
            PrintStream err,
            boolean stdinTerminal,
            boolean stdoutTerminal,
            boolean stderrTerminal) {
        this(in, out, err, stdinTerminal, stdoutTerminal, stderrTerminal, Style.PLAIN, Style.PLAIN);
    }

    /** Streams that are not terminals: what tests and pipes get. */
    public static CliIO of(InputStream in, PrintStream out, PrintStream err) {
        return new CliIO(in, out, err, false, false, false);
    }

    /** @return the same streams, each with the style {@link Style#decide} gives it in {@code env} */
    public CliIO styledFor(Environment env) {
        return new CliIO(
                in,
                out,
                err,
                stdinTerminal,
                stdoutTerminal,
                stderrTerminal,
                Style.decide(env, stdoutTerminal),
                Style.decide(env, stderrTerminal));
    }
}
