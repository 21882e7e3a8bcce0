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

/** {@code pipecat plugins install <jar | folder | groupId:artifactId[:version]>}. */
@Command(name = "install", description = """
        Install a plugin: a jar, a folder of jars (the plugin and its libraries), or Maven coordinates \
        (the newest release when no version is given; from Maven Central, or the repositories in \
        PIPECAT_PLUGIN_REPOSITORIES). Every download is checked against the repository's checksums, \
        and the plugin must load before it is kept; on any failure nothing changes.

        EXAMPLES
          $ pipecat plugins install ./target/deploy-plugin-1.0.jar
          $ pipecat plugins install ./target/plugin         # a folder: the plugin jar and its libraries
          $ pipecat plugins install com.example:deploy-plugin
          $ pipecat plugins install com.example:deploy-plugin:1.2.0
          $ PIPECAT_PLUGIN_REPOSITORIES=https://repo.example.com/maven2 pipecat plugins install com.example:deploy-plugin""")
public final class PluginsInstallCommand extends CliCommand {

    @Arguments(title = "plugin", description = "a .jar, a folder of jars, or groupId:artifactId[:version]")
    private List<String> plugin = new ArrayList<>();

    @Override
    public void run(CommandContext context) {
        if (plugin.size() != 1) {
            throw CliException.usage("Usage: pipecat plugins install <jar | folder | groupId:artifactId[:version]>");
        }
        PluginInstaller installer = PluginInstaller.of(context.env(), context.io(), context.clock());
        PluginsManifest.Entry entry = installer.install(plugin.get(0));
        context.io()
                .out()
                .println("Installed plugin " + entry.name() + " " + entry.version()
                        + entry.coordinates().map(c -> " (" + c + ")").orElse("") + " in "
                        + installer.folder().resolve(entry.entry()));
    }
}
