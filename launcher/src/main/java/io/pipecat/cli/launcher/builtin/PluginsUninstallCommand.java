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

/** {@code pipecat plugins uninstall NAME}. */
@Command(name = "uninstall", description = """
        Remove a plugin that 'pipecat plugins install' or 'link' put in place: exactly the files it \
        recorded (a link removes only the link, never the linked folder). Jars put in the plugin \
        folder by hand are yours to delete.

        EXAMPLES
          $ pipecat plugins uninstall deploy
          $ pipecat plugins uninstall com.example:deploy-plugin""")
public final class PluginsUninstallCommand extends CliCommand {

    @Arguments(
            title = "name",
            description = "the plugin's name (as 'pipecat plugins list' shows it) or groupId:artifactId")
    private List<String> name = new ArrayList<>();

    @Override
    public void run(CommandContext context) {
        if (name.size() != 1) {
            throw CliException.usage("Usage: pipecat plugins uninstall <name>");
        }
        PluginInstaller installer = PluginInstaller.of(context.env(), context.io(), context.clock());
        PluginsManifest.Entry entry = installer.uninstall(name.get(0));
        context.io()
                .out()
                .println("Uninstalled plugin " + entry.name() + " " + entry.version() + " (removed "
                        + installer.folder().resolve(entry.entry()) + ")");
    }
}
