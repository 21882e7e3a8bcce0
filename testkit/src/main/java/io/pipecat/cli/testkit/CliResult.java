package io.pipecat.cli.testkit;

/**
 * The outcome of one in-process CLI run ({@link PipecatTestCli#run(String...)}).
 *
 * @param exitCode the exit code the process would have exited with (0 ok, 1 error, 2 usage,
 *                 4 not authenticated, …)
 * @param stdout   everything written to standard output, decoded as UTF-8
 * @param stderr   everything written to standard error, decoded as UTF-8
 */
public record CliResult(int exitCode, String stdout, String stderr) {

    /** Standard output followed by standard error. */
    public String output() {
        return stdout + stderr;
    }

    /** The whole outcome, for assertion messages: {@code assertEquals(0, r.exitCode(), r.toString())}. */
    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
