package io.pipecat.cli.context;

import java.util.OptionalInt;

/**
 * A child JVM for {@link TerminalLineTest}: leaves a line unfinished on stderr (a shown progress
 * text, or a prompt) as a waiting command does, says READY on stdout and waits to be stopped.
 */
public final class TerminalLineChildMain {
    private TerminalLineChildMain() {}

    public static void main(String[] args) throws InterruptedException {
        TerminalLine line = TerminalLine.open(System.err, () -> OptionalInt.of(80));
        if (args.length > 0 && args[0].equals("prompt")) {
            line.prompt("Paste it here: ");
        } else {
            line.show("Waiting… 9s (Ctrl-C to cancel)");
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
