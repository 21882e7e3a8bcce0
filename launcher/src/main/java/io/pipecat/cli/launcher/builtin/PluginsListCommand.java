package io.pipecat.cli.launcher.builtin;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.launcher.plugins.InstallManifest;
import io.pipecat.cli.launcher.plugins.LoadedPlugin;
import io.pipecat.cli.launcher.plugins.PluginDiscovery;
import io.pipecat.cli.launcher.plugins.PluginSource;
import io.pipecat.cli.launcher.tree.CommandSpec;
import io.pipecat.cli.launcher.tree.CommandTree;
import io.pipecat.cli.launcher.tree.GroupSpec;
import io.pipecat.cli.spi.CliCommand;
import io.pipecat.cli.spi.PluginApi;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code pipecat plugins list}: every plugin — its version, plugin API, where it came from, what
 * it adds, what is wrong — and the folders searched. {@code --refresh} makes this run read every
 * plugin again instead of trusting the plugin index (a failure remembered there is retried).
 */
@Command(name = "list", description = """
        List plugins: name, version, plugin API, source, the commands each adds, problems, and the \
        plugin folders searched

        EXAMPLES
          $ pipecat plugins list
          $ pipecat plugins list --refresh      # read every plugin again, retrying remembered failures""")
public final class PluginsListCommand extends CliCommand {
    static final String REFRESH = "--refresh";

    @Option(name = REFRESH, description = "Read every plugin again: retry the failures the plugin index remembers")
    private boolean refresh;

    private final CommandTree tree;

    /** @param tree the merged command tree (the launcher's command factory passes it) */
    public PluginsListCommand(CommandTree tree) {
        this.tree = tree;
    }

    /**
     * Whether the words ask for {@code plugins list --refresh}. The launcher asks before it
     * discovers plugins — the refresh must happen before the plugin index is read, which is before
     * this command is parsed.
     */
    public static boolean refreshRequested(List<String> words) {
        List<String> rest = new ArrayList<>();
        for (String word : words) {
            if (word.equals("--")) {
                break;
            }
            rest.add(word);
        }
        return rest.size() >= 3
                && rest.get(0).equals("plugins")
                && rest.get(1).equals("list")
                && rest.contains(REFRESH);
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
            LoadedPlugin.Details details = plugin.details();
            out.println(plugin.name() + " " + plugin.version());
            out.println("  source:   " + source(plugin.source()));
            if (!details.module().isEmpty()) {
                out.println("  module:   " + details.module()
                        + (details.moduleVersion().isEmpty() ? "" : "@" + details.moduleVersion()));
            }
            if (plugin.source().builtIn()) {
                out.println("  api:      " + PluginApi.MAJOR);
            } else if (details.apiVersion() > 0) {
                out.println("  api:      " + details.apiVersion());
            }
            if (details.superseded()) {
                out.println("  status:   " + plugin.problem().orElseThrow());
            } else if (plugin.problem().isPresent()) {
                out.println("  status:   skipped: " + plugin.problem().get());
            } else {
                out.println("  status:   ok");
                out.println("  commands: " + String.join(", ", commands(plugin)));
            }
        }
        out.println();
        out.println("Plugin folders searched (" + PluginDiscovery.PLUGIN_PATH_VARIABLE + "):");
        for (Path folder : PluginDiscovery.pluginFolders(context.env())) {
            out.println("  " + folder
                    + (Files.isDirectory(folder)
                            ? ""
                            : Files.exists(folder)
                                    ? " (not a folder: ignored; name the folder that holds plugins)"
                                    : " (does not exist)"));
        }
    }

    private static String source(PluginSource source) {
        Optional<String> coordinates = InstallManifest.coordinatesOf(source);
        return coordinates
                .map(c -> "maven " + c + " (" + source.describe() + ")")
                .orElseGet(source::describe);
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
