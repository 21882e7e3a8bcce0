package io.pipecat.cli.launcher.builtin;

import com.github.rvesse.airline.annotations.Arguments;
import com.github.rvesse.airline.annotations.Command;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.launcher.install.PluginInstaller;
import io.pipecat.cli.launcher.install.PluginsManifest;
import io.pipecat.cli.spi.CliCommand;
import java.util.ArrayList;
import java.util.List;

/** {@code pipecat plugins link DIR}. */
@Command(name = "link", description = """
        Use a plugin's build output in place, for plugin development: a folder of jars (the plugin \
        and its libraries) or a module's classes folder. Rebuild and run: no reinstall needed. \
        'pipecat plugins uninstall NAME' removes the link, never the folder.

        EXAMPLES
          $ pipecat plugins link ./target/plugin      # after mvn package: the plugin jar and its libraries
          $ pipecat plugins link ./target/classes""")
public final class PluginsLinkCommand extends CliCommand {

    @Arguments(title = "dir", description = "the build output folder")
    private List<String> dir = new ArrayList<>();

    @Override
    public void run(CommandContext context) {
        if (dir.size() != 1) {
            throw CliException.usage("Usage: pipecat plugins link <dir>");
        }
        PluginInstaller installer = PluginInstaller.of(context.env(), context.io(), context.clock());
        PluginsManifest.Entry entry = installer.link(dir.get(0));
        context.io()
                .out()
                .println("Linked plugin " + entry.name() + " " + entry.version() + ": "
                        + installer.folder().resolve(entry.entry()) + " -> " + entry.origin());
    }
}
