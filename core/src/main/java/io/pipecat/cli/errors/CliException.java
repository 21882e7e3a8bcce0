package io.pipecat.cli.errors;

import java.util.Objects;

/**
 * An error meant for the user: its message is one line that says what went wrong and, where
 * there is one, the fix. The launcher prints the message (never a stack trace unless
 * {@code --verbose}) and exits with {@link #exitCode()}.
 *
 * <p>Messages must never contain a secret (token, refresh token, code, verifier). Use the
 * factory methods, named by intent, rather than the constructor.
 */
public class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ExitCode exitCode;

    public CliException(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    public CliException(ExitCode exitCode, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
    }

    /** @return the exit code the launcher uses for this error */
    public ExitCode exitCode() {
        return exitCode;
    }

    /** A general failure (network, server, I/O): exit 1. */
    public static CliException error(String message) {
        return new CliException(ExitCode.ERROR, message);
    }

    /** A general failure (network, server, I/O) with its cause (shown only with --verbose): exit 1. */
    public static CliException error(String message, Throwable cause) {
        return new CliException(ExitCode.ERROR, message, cause);
    }

    /** Bad input from the user: exit 2. */
    public static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }

    /** Missing or rejected credentials: exit 4. */
    public static CliException notAuthenticated(String message) {
        return new CliException(ExitCode.NOT_AUTHENTICATED, message);
    }

    /** The standard "not logged in" error of docs/behaviour.md#exit-codes-and-output: exit 4. */
    public static CliException notLoggedIn() {
        return notAuthenticated("You are not logged in. Please run pipecat cloud auth login first.");
    }

    /** The credential store cannot be used: exit 5. The message names the problem and the way out. */
    public static CliException storeUnavailable(String message, Throwable cause) {
        return new CliException(ExitCode.CREDENTIAL_STORE_UNAVAILABLE, message, cause);
    }

    /** The user interrupted the command: exit 130. */
    public static CliException interrupted(String message) {
        return new CliException(ExitCode.INTERRUPTED, message);
    }
}
