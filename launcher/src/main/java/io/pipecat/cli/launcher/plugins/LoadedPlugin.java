package io.pipecat.cli.launcher.plugins;

import io.pipecat.cli.launcher.tree.CommandSpec;
import io.pipecat.cli.launcher.tree.GroupSpec;
import io.pipecat.cli.spi.CliCommand;
import io.pipecat.cli.spi.CommandGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin as the launcher found it: what its groups and commands look like (specs, possibly from
 * the plugin index without the jar being opened), or the problem that stopped it.
 *
 * @param name    the provider's name, or the jar's file name when the plugin did not load
 * @param version the provider's version, or {@code "-"}
 * @param source  built-in or the jar
 * @param groups  the groups it contributes (empty when broken)
 * @param problem why it was skipped, as one line; empty when it loaded
 * @param classes loads a command class by name when it is about to run (a cached jar is opened then)
 * @param details what its files say about it: module, plugin API, build versions; whether a newer copy replaced it
 */
public record LoadedPlugin(
        String name,
        String version,
        PluginSource source,
        List<GroupSpec> groups,
        Optional<String> problem,
        CommandClasses classes,
        Details details) {

    /**
     * What a third-party plugin's files say about it (built-ins and plugins that did not load may
     * know less).
     *
     * @param module                the plugin's module name, or {@code ""} when unknown
     * @param apiVersion            the plugin API major its manifest names (1 when it names none), 0 when unknown
     * @param moduleVersion         its module descriptor's version, or {@code ""}
     * @param implementationVersion its jar manifest's {@code Implementation-Version}, or {@code ""}
     * @param superseded            another copy of the same module is newer and is used instead: not an
     *                              error, so it is shown by {@code plugins list} and not warned about on every run
     */
    public record Details(
            String module, int apiVersion, String moduleVersion, String implementationVersion, boolean superseded) {
        public static final Details UNKNOWN = new Details("", 0, "", "", false);
    }

    /** Finds a command class of the plugin, loading the plugin first if it came from the index. */
    @FunctionalInterface
    public interface CommandClasses {
        /**
         * @throws io.pipecat.cli.errors.CliException (exit 1) when the plugin cannot be loaded now
         */
        Class<? extends CliCommand> load(String className);
    }

    private static final CommandClasses NONE = className -> {
        throw new IllegalStateException("no command " + className);
    };

    public LoadedPlugin {
        groups = List.copyOf(groups);
    }

    /** A plugin of which nothing more than this is known (built-ins, tests' fixtures). */
    public LoadedPlugin(
            String name,
            String version,
            PluginSource source,
            List<GroupSpec> groups,
            Optional<String> problem,
            CommandClasses classes) {
        this(name, version, source, groups, problem, classes, Details.UNKNOWN);
    }

    public static LoadedPlugin broken(String name, PluginSource source, String problem) {
        return new LoadedPlugin(name, "-", source, List.of(), Optional.of(problem), NONE);
    }

    /**
     * A plugin whose classes are at hand (built-in, or a jar just loaded): reads the specs of its
     * command classes. A class that is not a command makes the plugin skipped.
     */
    public static LoadedPlugin of(String name, String version, PluginSource source, List<CommandGroup> groups) {
        Map<String, Class<? extends CliCommand>> byName = new HashMap<>();
        List<GroupSpec> specs = new ArrayList<>();
        try {
            for (CommandGroup group : groups) {
                Optional<CommandSpec> defaultCommand = group.defaultCommand().map(c -> read(c, byName));
                List<CommandSpec> commands = new ArrayList<>();
                group.commands().forEach(c -> commands.add(read(c, byName)));
                specs.add(new GroupSpec(group.path(), group.description(), defaultCommand, commands));
            }
        } catch (IllegalArgumentException e) {
            return new LoadedPlugin(name, version, source, List.of(), Optional.of(e.getMessage()), NONE);
        }
        return new LoadedPlugin(name, version, source, specs, Optional.empty(), className -> {
            Class<? extends CliCommand> type = byName.get(className);
            if (type == null) {
                throw new IllegalStateException("plugin " + name + " has no command " + className);
            }
            return type;
        });
    }

    private static CommandSpec read(Class<? extends CliCommand> type, Map<String, Class<? extends CliCommand>> byName) {
        CommandSpec spec = CommandSpec.read(type);
        byName.put(type.getName(), type);
        return spec;
    }

    /** @return this plugin, skipped for {@code why}: no groups */
    public LoadedPlugin skipped(String why) {
        return new LoadedPlugin(name, version, source, List.of(), Optional.of(why), NONE, details);
    }

    /** @return this plugin with what its files say about it */
    public LoadedPlugin with(Details facts) {
        return new LoadedPlugin(name, version, source, groups, problem, classes, facts);
    }

    /** @return this plugin, not used because another copy of its module is newer ({@code why} says which) */
    LoadedPlugin superseded(String why) {
        return new LoadedPlugin(
                name,
                version,
                source,
                List.of(),
                Optional.of(why),
                NONE,
                new Details(
                        details.module(),
                        details.apiVersion(),
                        details.moduleVersion(),
                        details.implementationVersion(),
                        true));
    }
}
