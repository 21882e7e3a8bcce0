package io.pipecat.cli.launcher.builtin;

import com.github.rvesse.airline.annotations.Arguments;
import com.github.rvesse.airline.annotations.Command;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.launcher.tree.CommandPath;
import io.pipecat.cli.launcher.tree.CommandTree;
import io.pipecat.cli.launcher.tree.EnvironmentHelp;
import io.pipecat.cli.launcher.tree.HelpRenderer;
import io.pipecat.cli.launcher.tree.UsageErrors;
import io.pipecat.cli.spi.CliCommand;
import java.util.ArrayList;
import java.util.List;

/** {@code pipecat help [command…]}: help for any group or command. */
@Command(name = "help", description = """
        Show help for a command, or a help topic (environment)

        EXAMPLES
          $ pipecat help cloud auth login
          $ pipecat help environment""")
public final class HelpCommand extends CliCommand {

    @Arguments(title = "command", description = "The group or command to explain, e.g. cloud auth login")
    private List<String> words = new ArrayList<>();

    private final CommandTree tree;

    /** @param tree the merged command tree (the launcher's command factory passes it) */
    public HelpCommand(CommandTree tree) {
        this.tree = tree;
    }

    @Override
    public void run(CommandContext context) {
        CommandPath path = CommandPath.resolve(tree, words);
        if (path.unknown().isPresent() && words.equals(List.of(EnvironmentHelp.TOPIC))) {
            context.io().out().print(EnvironmentHelp.TEXT);
            return;
        }
        if (path.unknown().isPresent()) {
            throw UsageErrors.unknownCommand(
                    tree, path.groupPath(), path.unknown().get());
        }
        context.io().out().print(new HelpRenderer(tree).render(path.helpPath()));
    }
}
