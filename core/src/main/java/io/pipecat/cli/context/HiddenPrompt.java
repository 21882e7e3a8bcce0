package io.pipecat.cli.context;

import java.io.Console;
import java.io.PrintStream;
import java.util.Objects;

/**
 * Reads a secret from the terminal without echo ({@link Console#readPassword}), ending the prompt's
 * line when the process is stopped while the user types. The console turns echo off, so not even
 * the terminal's {@code ^C} appears: without a newline, the shell's prompt would follow this one on
 * the same line after Ctrl-C.
 *
 * <p>The prompt and that newline go to {@code stream} rather than through the console: the console
 * holds its writer's lock for the whole read, so a shutdown hook writing through it would wait
 * forever and the process would never exit.
 */
public final class HiddenPrompt {
    private HiddenPrompt() {}

    /**
     * @param console the process's console ({@code System.console()})
     * @param stream  a stream on the same terminal for the prompt, e.g. {@link CliIO#err()}
     * @param prompt  the prompt
     * @return what the user typed; {@code null} at end of input
     */
    public static char[] read(Console console, PrintStream stream, String prompt) {
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(stream, "stream");
        LinesOpenAtExit.Open line = () -> {
            stream.print(System.lineSeparator());
            stream.flush();
        };
        stream.print(prompt);
        stream.flush();
        LinesOpenAtExit.add(line);
        try {
            return console.readPassword(""); // an empty prompt: the console prints nothing before reading
        } finally {
            LinesOpenAtExit.remove(line);
        }
    }
}
