package io.pipecat.cli.context;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The width of the user's terminal, for lines that must fit on one row (a line longer than the
 * terminal wraps, and a redraw that returns with {@code \r} then leaves a row behind each time).
 * Java has no API for it: {@code COLUMNS} when set (shells set it but rarely export it), else
 * {@code stty size} (found on the invocation's {@code PATH}) run on the controlling terminal
 * ({@code /dev/tty}), else unknown — and the
 * caller then prints a short line.
 */
public final class TerminalSize {
    private static final long STTY_WAIT_MILLIS = 2000;

    private TerminalSize() {}

    /**
     * @param env the invocation's environment ({@code COLUMNS}, {@code PATH} for {@code stty})
     * @return the number of columns, or empty when it cannot be known (no terminal, no {@code stty})
     */
    public static OptionalInt columns(Environment env) {
        OptionalInt fromEnv = positive(env.get("COLUMNS").orElse(""));
        if (fromEnv.isPresent()) {
            return fromEnv;
        }
        return fromStty(env);
    }

    private static OptionalInt fromStty(Environment env) {
        File tty = new File("/dev/tty");
        Optional<Path> sttyProgram = onPath(env, "stty");
        if (!tty.exists() || sttyProgram.isEmpty()) {
            return OptionalInt.empty();
        }
        Process stty = null;
        try {
            // stty reads the size of its stdin; /dev/tty is this process's terminal even when all
            // three standard streams are redirected.
            stty = new ProcessBuilder(sttyProgram.get().toString(), "size")
                    .redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String answer;
            try (InputStream out = stty.getInputStream()) {
                answer = new String(out.readNBytes(64), StandardCharsets.US_ASCII).trim();
            }
            if (!stty.waitFor(STTY_WAIT_MILLIS, TimeUnit.MILLISECONDS) || stty.exitValue() != 0) {
                return OptionalInt.empty();
            }
            String[] rowsColumns = answer.split("\\s+");
            return rowsColumns.length == 2 ? positive(rowsColumns[1]) : OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty(); // no controlling terminal, or no stty
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        } finally {
            if (stty != null && stty.isAlive()) {
                stty.destroyForcibly();
            }
        }
    }

    /** @return {@code program} in a folder of the invocation's {@code PATH}; empty without one */
    private static Optional<Path> onPath(Environment env, String program) {
        for (String folder : env.get("PATH").orElse("").split(File.pathSeparator)) {
            if (!folder.isEmpty()) {
                Path candidate = Path.of(folder, program);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static OptionalInt positive(String text) {
        try {
            int value = Integer.parseInt(text.trim());
            return value > 0 ? OptionalInt.of(value) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
