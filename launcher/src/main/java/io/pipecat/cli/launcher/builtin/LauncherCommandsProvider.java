package io.pipecat.cli.launcher.builtin;

import io.pipecat.cli.core.internal.CliVersion;
import io.pipecat.cli.spi.CommandGroup;
import io.pipecat.cli.spi.CommandGroupProvider;
import java.util.List;

/** The launcher's own commands: {@code help}, {@code completion} and {@code plugins list|install|uninstall|upgrade|link}. */
public final class LauncherCommandsProvider implements CommandGroupProvider {

    @Override
    public String name() {
        return "launcher";
    }

    @Override
    public String version() {
        return CliVersion.get();
    }

    @Override
    public List<CommandGroup> groups() {
        return List.of(
                CommandGroup.at()
                        .commands(HelpCommand.class, CompletionCommand.class)
                        .build(),
                CommandGroup.at("plugins")
                        .description("List, install, upgrade and remove the plugins that add commands to pipecat")
                        .commands(
                                PluginsListCommand.class,
                                PluginsInstallCommand.class,
                                PluginsUninstallCommand.class,
                                PluginsUpgradeCommand.class,
                                PluginsLinkCommand.class)
                        .build());
    }
}
