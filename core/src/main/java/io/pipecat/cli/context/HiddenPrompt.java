package io.pipecat.cli.context;

import java.io.Console;
import java.util.Objects;

/**
 * Reads a secret from the terminal without echo ({@link Console#readPassword}), ending the prompt's
 * line when the process is stopped while the user types. The console turns echo off, so not even
 * the terminal's {@code ^C} appears: without a newline, the shell's prompt would follow this one on
 * the same line after Ctrl-C.
 */
public final class HiddenPrompt {
    private HiddenPrompt() {}

    /**
     * @param console the process's console ({@code System.console()})
     * @param prompt  the prompt, printed on the console as is
     * @return what the user typed; {@code null} at end of input
     */
    public static char[] read(Console console, String prompt) {
        Objects.requireNonNull(console, "console");
        LinesOpenAtExit.Open line = () -> {
            console.writer().println();
            console.writer().flush();
        };
        LinesOpenAtExit.add(line);
        try {
            // The prompt is written by the console as a format: a '%' in it must not be read as one.
            return console.readPassword("%s", prompt);
        } finally {
            LinesOpenAtExit.remove(line);
        }
    }
}
