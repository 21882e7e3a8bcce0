package io.pipecat.cli.errors;

/**
 * The process exit codes of the pipecat CLI (docs/behaviour.md#exit-codes-and-output). The official Python CLI exits 0 on
 * handled errors; we do not, so scripts and CI can tell what went wrong.
 */
public enum ExitCode {
    /** The command did what was asked. */
    OK(0),
    /** Network, server or I/O failure, or any other error. */
    ERROR(1),
    /** Unknown command, bad flag, bad argument (e.g. a PAT without the {@code pcc_pat_} prefix). */
    USAGE(2),
    /** No token, the API said 401, an invalid PAT, or a login that failed or timed out. */
    NOT_AUTHENTICATED(4),
    /** The configured credential store (e.g. the OS keychain) cannot be used. */
    CREDENTIAL_STORE_UNAVAILABLE(5),
    /** The user interrupted the command (Ctrl-C). */
    INTERRUPTED(130);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** @return the numeric process exit status */
    public int code() {
        return code;
    }
}
