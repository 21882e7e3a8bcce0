package io.pipecat.cli.launcher.builtin;

import com.github.rvesse.airline.annotations.Command;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.launcher.plugins.LoadedPlugin;
import io.pipecat.cli.launcher.tree.CommandSpec;
import io.pipecat.cli.launcher.tree.CommandTree;
import io.pipecat.cli.launcher.tree.GroupSpec;
import io.pipecat.cli.spi.CliCommand;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** {@code pipecat plugins list}: every plugin, where it came from, what it adds, what is wrong. */
@Command(name = "list", description = "List plugins: name, version, source, the commands each adds, and problems")
public final class PluginsListCommand extends CliCommand {

    private final CommandTree tree;

    /** @param tree the merged command tree (the launcher's command factory passes it) */
    public PluginsListCommand(CommandTree tree) {
        this.tree = tree;
    }

    @Override
    public void run(CommandContext context) {
        PrintStream out = context.io().out();
        boolean first = true;
        for (LoadedPlugin plugin : tree.plugins()) {
            if (!first) {
                out.println();
            }
            first = false;
            out.println(plugin.name() + " " + plugin.version());
            out.println("  source:   " + plugin.source());
            if (plugin.problem().isPresent()) {
                out.println("  status:   skipped: " + plugin.problem().get());
            } else {
                out.println("  status:   ok");
                out.println("  commands: " + String.join(", ", commands(plugin)));
            }
        }
    }

    private static List<String> commands(LoadedPlugin plugin) {
        List<String> names = new ArrayList<>();
        for (GroupSpec group : plugin.groups()) {
            String prefix = (CommandTree.PROGRAM + " " + group.displayPath()).trim();
            group.defaultCommand().ifPresent(c -> names.add(prefix + " [flags]"));
            for (CommandSpec command : group.commands()) {
                names.add(prefix + " " + command.name());
            }
        }
        return names;
    }
}
