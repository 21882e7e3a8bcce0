package io.pipecat.cli.launcher.builtin;

import com.github.rvesse.airline.annotations.Arguments;
import com.github.rvesse.airline.annotations.Command;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.launcher.install.PluginInstaller;
import io.pipecat.cli.spi.CliCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code pipecat plugins upgrade [NAME]}. */
@Command(name = "upgrade", description = """
        Upgrade plugins installed from Maven coordinates to their newest release (all of them, or \
        the one named). The old version stays in place until the new one is installed and loads.

        EXAMPLES
          $ pipecat plugins upgrade
          $ pipecat plugins upgrade deploy""")
public final class PluginsUpgradeCommand extends CliCommand {

    @Arguments(title = "name", description = "the plugin to upgrade; all Maven-installed plugins when omitted")
    private List<String> name = new ArrayList<>();

    @Override
    public void run(CommandContext context) {
        if (name.size() > 1) {
            throw CliException.usage("Usage: pipecat plugins upgrade [name]");
        }
        PluginInstaller installer = PluginInstaller.of(context.env(), context.io(), context.clock());
        installer
                .upgrade(name.stream().findFirst().or(Optional::empty))
                .forEach(context.io().out()::println);
    }
}
