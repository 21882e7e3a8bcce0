package io.pipecat.cli.launcher.plugins;

import io.pipecat.cli.spi.CommandGroup;
import java.util.List;
import java.util.Optional;

/**
 * A plugin as the launcher found it: its groups if it loaded, or the problem that stopped it.
 *
 * @param name    the provider's name, or the jar's file name when the plugin did not load
 * @param version the provider's version, or {@code "-"}
 * @param source  built-in or the jar
 * @param groups  the groups it contributes (empty when broken)
 * @param problem why it was skipped, as one line; empty when it loaded
 */
public record LoadedPlugin(String name, String version, PluginSource source, List<CommandGroup> groups,
        Optional<String> problem) {

    public LoadedPlugin {
        groups = List.copyOf(groups);
    }

    public static LoadedPlugin broken(String name, PluginSource source, String problem) {
        return new LoadedPlugin(name, "-", source, List.of(), Optional.of(problem));
    }
}
