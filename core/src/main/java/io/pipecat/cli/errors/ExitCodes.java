package io.pipecat.cli.errors;

import java.nio.channels.ClosedByInterruptException;

/**
 * The one place where a failure becomes an exit code. The launcher calls it for whatever a
 * command throws; nothing else decides exit codes.
 */
public final class ExitCodes {
    private ExitCodes() {}

    /**
     * @param failure what a command (or the launcher itself) threw; never null
     * @return the exit code for it: the {@link CliException}'s own code, {@link ExitCode#INTERRUPTED}
     *     for thread interruption, else {@link ExitCode#ERROR}
     */
    public static ExitCode of(Throwable failure) {
        if (failure instanceof CliException cli) {
            return cli.exitCode();
        }
        if (failure instanceof InterruptedException || failure instanceof ClosedByInterruptException) {
            return ExitCode.INTERRUPTED;
        }
        return ExitCode.ERROR;
    }
}
