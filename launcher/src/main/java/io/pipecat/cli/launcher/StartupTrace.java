package io.pipecat.cli.launcher;

import io.pipecat.cli.context.Environment;
import java.io.PrintStream;

/**
 * Start-up timings on stderr when {@value #VARIABLE} is set: plugin discovery, the command tree,
 * airline, the command itself. Diagnostics only; off by default. The launcher points it at the
 * invocation's stderr before anything else runs.
 */
public final class StartupTrace {
    /** Set (to anything) to print start-up timings on stderr. */
    public static final String VARIABLE = "PIPECAT_TRACE_STARTUP";

    private static volatile PrintStream sink;

    private StartupTrace() {}

    /** Turns tracing on (to {@code err}) when the environment asks for it, else off. */
    public static void configure(Environment env, PrintStream err) {
        sink = env.isSet(VARIABLE) ? err : null;
    }

    /** @return whether timings are being printed */
    public static boolean enabled() {
        return sink != null;
    }

    /** Prints one {@code pipecat-trace: …} line when tracing is on. */
    public static void log(String format, Object... args) {
        PrintStream out = sink;
        if (out != null) {
            out.printf("pipecat-trace: " + format + "%n", args);
        }
    }
}
