package io.pipecat.cli.context;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The terminal lines this process has left unfinished right now (a progress line, a prompt), ended
 * by a shutdown hook when the process stops before their owners finish them. Ctrl-C (SIGINT) and
 * SIGTERM make the JVM run its shutdown hooks and exit while the main thread is still waiting, so
 * no {@code finally} block ends the line; and since the JVM exits with status 130 rather than dying
 * of the signal, the shell does not print the newline it prints after a program killed by Ctrl-C.
 * Without this hook its prompt would follow the unfinished line ({@code …Ctrl-C to cancel)^Cuser$}).
 */
final class LinesOpenAtExit {
    /** A line that can be ended (with a newline) from the shutdown hook; no drawing after that. */
    interface Open {
        void endAtExit();
    }

    private static final Object LOCK = new Object();
    private static final Set<Open> OPEN = new LinkedHashSet<>(); // guarded by LOCK
    private static boolean hookInstalled; // guarded by LOCK

    private LinesOpenAtExit() {}

    /** Registers {@code line} until {@link #remove}; harmless while the JVM is already exiting. */
    static void add(Open line) {
        synchronized (LOCK) {
            if (!hookInstalled) {
                try {
                    Runtime.getRuntime().addShutdownHook(new Thread(LinesOpenAtExit::endAll, "pipecat-terminal-lines"));
                    hookInstalled = true;
                } catch (IllegalStateException exiting) {
                    return; // the JVM is exiting: nothing will be drawn for long
                }
            }
            OPEN.add(line);
        }
    }

    static void remove(Open line) {
        synchronized (LOCK) {
            OPEN.remove(line);
        }
    }

    private static void endAll() {
        List<Open> lines;
        synchronized (LOCK) {
            lines = new ArrayList<>(OPEN);
            OPEN.clear();
        }
        for (Open line : lines) {
            try {
                line.endAtExit();
            } catch (RuntimeException ignored) {
                // the process is exiting; a stream that fails now cannot be helped
            }
        }
    }
}
