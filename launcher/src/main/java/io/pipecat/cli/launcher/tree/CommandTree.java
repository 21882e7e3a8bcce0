package io.pipecat.cli.launcher.tree;

import com.github.rvesse.airline.Cli;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.builder.CliBuilder;
import com.github.rvesse.airline.builder.GroupBuilder;
import com.github.rvesse.airline.model.CommandGroupMetadata;
import com.github.rvesse.airline.model.CommandMetadata;
import com.github.rvesse.airline.model.GlobalMetadata;
import io.pipecat.cli.launcher.plugins.LoadedPlugin;
import io.pipecat.cli.spi.CliCommand;
import io.pipecat.cli.spi.CommandGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The merged command tree of all plugins, and the airline CLI that parses it.
 *
 * <p>Merge rules: plugins are added in discovery order (built-ins first). Several plugins may add
 * commands to the same group. A plugin whose command (or group default command) is already taken
 * — by a built-in or an earlier plugin — or that airline cannot read, is skipped whole and
 * reported: built-in commands can never be replaced.
 */
public final class CommandTree {
    /** The program name. */
    public static final String PROGRAM = "pipecat";
    private static final String DESCRIPTION = "Work with Pipecat Cloud from the command line.";

    private final Cli<CliCommand> cli;
    private final List<LoadedPlugin> plugins;
    private final Map<Class<?>, String> owners;

    private CommandTree(Cli<CliCommand> cli, List<LoadedPlugin> plugins, Map<Class<?>, String> owners) {
        this.cli = cli;
        this.plugins = List.copyOf(plugins);
        this.owners = Map.copyOf(owners);
    }

    /**
     * Merges the plugins into one tree.
     *
     * @param discovered  plugins in discovery order
     * @param rootCommand the command run for {@code pipecat} with only flags ({@code --version})
     * @return the tree; {@link #plugins()} reports plugins that were skipped while merging
     */
    public static CommandTree assemble(List<LoadedPlugin> discovered, Class<? extends CliCommand> rootCommand) {
        Map<String, String> taken = new HashMap<>();
        Map<Class<?>, String> owners = new HashMap<>();
        List<LoadedPlugin> outcome = new ArrayList<>();
        List<LoadedPlugin> accepted = new ArrayList<>();
        for (LoadedPlugin plugin : discovered) {
            if (plugin.problem().isPresent()) {
                outcome.add(plugin);
                continue;
            }
            Optional<String> problem = clash(plugin, taken);
            if (problem.isPresent()) {
                outcome.add(skipped(plugin, problem.get()));
                continue;
            }
            claim(plugin, taken);
            accepted.add(plugin);
            outcome.add(plugin);
        }
        Cli<CliCommand> cli;
        long t0 = System.nanoTime();
        try {
            cli = build(accepted, rootCommand);
            if (System.getenv(io.pipecat.cli.launcher.plugins.PluginDiscovery.TRACE_VARIABLE) != null) {
                System.err.printf("pipecat-trace: airline tree of %d plugins %.1f ms%n",
                        accepted.size(), (System.nanoTime() - t0) / 1e6);
            }
        } catch (RuntimeException | LinkageError e) {
            // Rare: some third-party plugin's annotations are unreadable. Find it (and any other)
            // by adding plugins one at a time; only this slow path pays for the trial builds.
            List<LoadedPlugin> readable = new ArrayList<>();
            for (LoadedPlugin plugin : accepted) {
                Optional<String> problem = unreadable(readable, plugin, rootCommand);
                if (problem.isPresent()) {
                    outcome.set(outcome.indexOf(plugin), skipped(plugin, problem.get()));
                } else {
                    readable.add(plugin);
                }
            }
            accepted = readable;
            cli = build(accepted, rootCommand);
        }
        for (LoadedPlugin plugin : accepted) {
            plugin.groups().forEach(g -> {
                g.defaultCommand().ifPresent(c -> owners.put(c, plugin.name()));
                g.commands().forEach(c -> owners.put(c, plugin.name()));
            });
        }
        return new CommandTree(cli, outcome, owners);
    }

    private static LoadedPlugin skipped(LoadedPlugin plugin, String problem) {
        return new LoadedPlugin(plugin.name(), plugin.version(), plugin.source(), List.of(), Optional.of(problem));
    }

    /** @return the airline CLI */
    public Cli<CliCommand> cli() {
        return cli;
    }

    /** @return airline's model of the whole tree */
    public GlobalMetadata<CliCommand> metadata() {
        return cli.getMetadata();
    }

    /** @return every plugin, loaded or skipped, in discovery order */
    public List<LoadedPlugin> plugins() {
        return plugins;
    }

    /** @return the name of the plugin that contributed {@code commandType}, if any */
    public Optional<String> ownerOf(Class<?> commandType) {
        return Optional.ofNullable(owners.get(commandType));
    }

    /**
     * Finds the group at {@code path}.
     *
     * @param path group names from the root
     * @return the group, or empty when there is none
     */
    public Optional<CommandGroupMetadata> group(List<String> path) {
        List<CommandGroupMetadata> level = metadata().getCommandGroups();
        CommandGroupMetadata found = null;
        for (String name : path) {
            found = level.stream().filter(g -> g.getName().equals(name)).findFirst().orElse(null);
            if (found == null) {
                return Optional.empty();
            }
            level = found.getSubGroups();
        }
        return Optional.ofNullable(found);
    }

    /** @return the commands directly under the group at {@code path} (top-level ones for the root) */
    public List<CommandMetadata> commandsAt(List<String> path) {
        if (path.isEmpty()) {
            return metadata().getDefaultGroupCommands();
        }
        return group(path).map(CommandGroupMetadata::getCommands).orElse(List.of());
    }

    /** @return the sub-groups of the group at {@code path} (top-level groups for the root) */
    public List<CommandGroupMetadata> subGroupsAt(List<String> path) {
        if (path.isEmpty()) {
            return metadata().getCommandGroups();
        }
        return group(path).map(CommandGroupMetadata::getSubGroups).orElse(List.of());
    }

    private static Optional<String> clash(LoadedPlugin plugin, Map<String, String> taken) {
        Map<String, String> mine = new HashMap<>();
        for (CommandGroup group : plugin.groups()) {
            List<String> keys = new ArrayList<>();
            group.defaultCommand().ifPresent(c -> keys.add(key(group.path(), "<default>")));
            for (Class<? extends CliCommand> command : group.commands()) {
                Command annotation = command.getAnnotation(Command.class);
                if (annotation == null || !CliCommand.class.isAssignableFrom(command)) {
                    return Optional.of("command class " + command.getName()
                            + " must extend io.pipecat.cli.spi.CliCommand and carry @Command");
                }
                keys.add(key(group.path(), annotation.name()));
            }
            for (int depth = 1; depth <= group.path().size(); depth++) {
                // A group name must not hide a command of the same name one level up.
                keys.add(key(group.path().subList(0, depth - 1), group.path().get(depth - 1)) + "\u0001group");
            }
            for (String key : keys) {
                if (key.endsWith("\u0001group")) {
                    String asCommand = key.substring(0, key.length() - "\u0001group".length());
                    String owner = taken.get(asCommand);
                    if (owner != null) {
                        return Optional.of("group '" + display(asCommand) + "' clashes with the command of plugin " + owner);
                    }
                    continue;
                }
                String owner = taken.get(key);
                if (owner == null && taken.containsKey(key + "\u0001group")) {
                    owner = taken.get(key + "\u0001group");
                }
                if (owner != null) {
                    return Optional.of("command '" + display(key) + "' clashes with "
                            + (owner.startsWith("built-in ") ? "a " + owner : "plugin " + owner)
                            + " command; skipped");
                }
                if (mine.put(key, plugin.name()) != null) {
                    return Optional.of("command '" + display(key) + "' is added twice");
                }
            }
        }
        return Optional.empty();
    }

    private static void claim(LoadedPlugin plugin, Map<String, String> taken) {
        String owner = (plugin.source().builtIn() ? "built-in " : "") + plugin.name();
        for (CommandGroup group : plugin.groups()) {
            group.defaultCommand().ifPresent(c -> taken.put(key(group.path(), "<default>"), owner));
            for (Class<? extends CliCommand> command : group.commands()) {
                taken.put(key(group.path(), command.getAnnotation(Command.class).name()), owner);
            }
            for (int depth = 1; depth <= group.path().size(); depth++) {
                taken.putIfAbsent(key(group.path().subList(0, depth - 1), group.path().get(depth - 1)) + "\u0001group", owner);
            }
        }
    }

    /** Airline reads annotations when the CLI is built; a plugin it cannot read must not break the rest. */
    private static Optional<String> unreadable(List<LoadedPlugin> accepted, LoadedPlugin candidate,
            Class<? extends CliCommand> rootCommand) {
        if (candidate.source().builtIn()) {
            return Optional.empty();
        }
        List<LoadedPlugin> trial = new ArrayList<>(accepted);
        trial.add(candidate);
        try {
            build(trial, rootCommand);
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Optional.of("its commands cannot be read: " + message.replaceAll("\\s+", " "));
        }
    }

    private static Cli<CliCommand> build(List<LoadedPlugin> plugins, Class<? extends CliCommand> rootCommand) {
        CliBuilder<CliCommand> builder = Cli.<CliCommand>builder(PROGRAM)
                .withDescription(DESCRIPTION)
                .withDefaultCommand(rootCommand);
        Map<List<String>, GroupBuilder<CliCommand>> groups = new LinkedHashMap<>();
        Map<List<String>, Boolean> described = new HashMap<>();
        Map<List<String>, String> firstContributor = new HashMap<>();
        for (LoadedPlugin plugin : plugins) {
            for (CommandGroup contribution : plugin.groups()) {
                List<String> path = contribution.path();
                if (path.isEmpty()) {
                    contribution.commands().forEach(builder::withCommand);
                    continue;
                }
                GroupBuilder<CliCommand> group = groupAt(builder, groups, path);
                for (int depth = 1; depth <= path.size(); depth++) {
                    firstContributor.putIfAbsent(List.copyOf(path.subList(0, depth)), plugin.name());
                }
                if (!contribution.description().isEmpty() && described.putIfAbsent(path, true) == null) {
                    group.withDescription(contribution.description());
                }
                contribution.defaultCommand().ifPresent(group::withDefaultCommand);
                contribution.commands().forEach(group::withCommand);
            }
        }
        for (Map.Entry<List<String>, GroupBuilder<CliCommand>> entry : groups.entrySet()) {
            if (!described.containsKey(entry.getKey())) {
                // Airline insists on a description; name the plugin that brought the group.
                entry.getValue().withDescription("Commands of the " + firstContributor.get(entry.getKey()) + " plugin");
            }
        }
        return builder.build();
    }

    private static GroupBuilder<CliCommand> groupAt(CliBuilder<CliCommand> builder,
            Map<List<String>, GroupBuilder<CliCommand>> groups, List<String> path) {
        GroupBuilder<CliCommand> group = groups.get(path);
        if (group != null) {
            return group;
        }
        if (path.size() == 1) {
            group = builder.withGroup(path.get(0));
        } else {
            group = groupAt(builder, groups, path.subList(0, path.size() - 1)).withSubGroup(path.get(path.size() - 1));
        }
        groups.put(List.copyOf(path), group);
        return group;
    }

    private static String key(List<String> path, String name) {
        return String.join(" ", path) + "\u0000" + name;
    }

    private static String display(String key) {
        String[] parts = key.split("\u0000", 2);
        String command = parts[1].equals("<default>") ? "(default command)" : parts[1];
        return (PROGRAM + " " + parts[0] + " " + command).replaceAll("\\s+", " ").trim();
    }
}
