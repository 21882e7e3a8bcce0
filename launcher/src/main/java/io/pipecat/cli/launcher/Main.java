package io.pipecat.cli.launcher;

import io.pipecat.cli.context.CliIO;
import io.pipecat.cli.core.internal.TerminalDetector;
import io.pipecat.cli.launcher.plugins.PluginExitGuard;

/** The process entry point: the only place of ours that calls {@code System.exit}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        CliIO io = new CliIO(
                System.in,
                System.out,
                System.err,
                TerminalDetector.isTerminal(0),
                TerminalDetector.isTerminal(1),
                TerminalDetector.isTerminal(2));
        // A plugin that calls System.exit is caught at shutdown: never a silent exit 0.
        PluginExitGuard.install(System.err);
        int code = PipecatLauncher.run(io, System.getenv(), args);
        System.exit(code);
    }
}
