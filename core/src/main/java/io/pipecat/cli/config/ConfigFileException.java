package io.pipecat.cli.config;

import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.errors.ExitCode;
import java.nio.file.Path;

/**
 * A config file cannot be read, is malformed, or cannot be written.
 *
 * <p>{@link #getMessage()} is a single line meant for the user: it names the file, the problem
 * (with the line number when known) and how to fix it. It never contains a value from the file,
 * only key names, because the file holds credentials. Exit code 1.
 */
public class ConfigFileException extends CliException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param message one-line, user-facing message (must not contain values from the file)
     * @param file the config file concerned; may be {@code null} if unknown
     * @param cause underlying exception; may be {@code null}
     */
    public ConfigFileException(String message, Path file, Throwable cause) {
        super(ExitCode.ERROR, message, cause);
        this.file = file;
    }

    /** Same as {@link #ConfigFileException(String, Path, Throwable)} without a cause. */
    public ConfigFileException(String message, Path file) {
        this(message, file, null);
    }

    /** Returns the config file concerned, or {@code null} if unknown. */
    public Path file() {
        return file;
    }
}
