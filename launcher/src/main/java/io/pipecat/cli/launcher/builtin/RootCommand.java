package io.pipecat.cli.launcher.builtin;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.launcher.tree.CommandTree;
import io.pipecat.cli.launcher.tree.HelpRenderer;
import io.pipecat.cli.spi.CliCommand;
import java.util.List;

/** {@code pipecat [--version]}: the version, or the root help. */
@Command(name = "pipecat", description = """
        Work with Pipecat Cloud from the command line.

        EXAMPLES
          $ pipecat --version
          $ pipecat --help""")
public final class RootCommand extends CliCommand {

    @Option(name = "--version", description = "Show the pipecat version")
    private boolean version;

    private final CommandTree tree;

    /** @param tree the merged command tree (the launcher's command factory passes it) */
    public RootCommand(CommandTree tree) {
        this.tree = tree;
    }

    @Override
    public void run(CommandContext context) {
        if (version) {
            context.io().out().println("pipecat version " + context.cliVersion() + " (Java " + Runtime.version() + ")");
        } else {
            context.io().out().print(new HelpRenderer(tree).render(List.of()));
        }
    }
}
