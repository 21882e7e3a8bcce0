package io.pipecat.cli.launcher.tree;

import com.github.rvesse.airline.Cli;
import com.github.rvesse.airline.builder.CliBuilder;
import com.github.rvesse.airline.builder.GroupBuilder;
import io.pipecat.cli.launcher.StartupTrace;
import io.pipecat.cli.launcher.plugins.LoadedPlugin;
import io.pipecat.cli.spi.CliCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The merged command tree of all plugins, as the launcher's own light model (the specs generated at
 * compile time, or copied into the plugin index). Help, completion, path resolution and the plugin list
 * work from it; airline's model is built only to parse one invocation ({@link #cliFor}), with just
 * the group chain and the one command it names.
 *
 * <p>Merge rules: plugins are added in discovery order (built-ins first). Several plugins may add
 * commands to the same group. A plugin whose command (or group default command) is already taken
 * — by a built-in or an earlier plugin — is skipped whole and reported: built-in commands can
 * never be replaced.
 */
public final class CommandTree {
    /** The program name. */
    public static final String PROGRAM = "pipecat";
    private static final String DESCRIPTION = "Work with Pipecat Cloud from the command line.";

    private final Group root;
    private final List<LoadedPlugin> plugins;
    private final Class<? extends CliCommand> rootCommand;
    private final Map<CommandSpec, LoadedPlugin> owners;

    /** A group of the merged tree (the root is the group with the empty path). */
    public static final class Group {
        private final List<String> path;
        private String description = "";
        private CommandSpec defaultCommand;
        private final Map<String, CommandSpec> commands = new LinkedHashMap<>();
        private final Map<String, Group> subGroups = new LinkedHashMap<>();

        private Group(List<String> path) {
            this.path = List.copyOf(path);
        }

        public String name() {
            return path.isEmpty() ? PROGRAM : path.get(path.size() - 1);
        }

        public List<String> path() {
            return path;
        }

        public String description() {
            return description;
        }

        /** Groups are never hidden (airline's group builder has no such flag set by plugins). */
        public boolean hidden() {
            return false;
        }

        public Optional<CommandSpec> defaultCommand() {
            return Optional.ofNullable(defaultCommand);
        }

        public List<CommandSpec> commands() {
            return List.copyOf(commands.values());
        }

        public List<Group> subGroups() {
            return List.copyOf(subGroups.values());
        }
    }

    private CommandTree(Group root, List<LoadedPlugin> plugins, Class<? extends CliCommand> rootCommand,
            Map<CommandSpec, LoadedPlugin> owners) {
        this.root = root;
        this.plugins = List.copyOf(plugins);
        this.rootCommand = rootCommand;
        this.owners = owners;
    }

    /**
     * Merges the plugins into one tree.
     *
     * @param discovered  plugins in discovery order
     * @param rootCommand the command run for {@code pipecat} with only flags ({@code --version})
     * @return the tree; {@link #plugins()} reports plugins that were skipped while merging
     */
    public static CommandTree assemble(List<LoadedPlugin> discovered, Class<? extends CliCommand> rootCommand) {
        long t0 = System.nanoTime();
        Map<Slot, String> taken = new HashMap<>();
        List<LoadedPlugin> outcome = new ArrayList<>();
        List<LoadedPlugin> accepted = new ArrayList<>();
        for (LoadedPlugin plugin : discovered) {
            if (plugin.problem().isPresent()) {
                outcome.add(plugin);
                continue;
            }
            Optional<String> problem = clash(plugin, taken);
            if (problem.isPresent()) {
                outcome.add(plugin.skipped(problem.get()));
                continue;
            }
            claim(plugin, taken);
            accepted.add(plugin);
            outcome.add(plugin);
        }
        Group root = new Group(List.of());
        Map<List<String>, String> firstContributor = new HashMap<>();
        Map<CommandSpec, LoadedPlugin> owners = new IdentityHashMap<>();
        for (LoadedPlugin plugin : accepted) {
            for (GroupSpec contribution : plugin.groups()) {
                contribution.defaultCommand().ifPresent(c -> owners.put(c, plugin));
                contribution.commands().forEach(c -> owners.put(c, plugin));
                Group group = root;
                List<String> path = contribution.path();
                for (int depth = 1; depth <= path.size(); depth++) {
                    List<String> prefix = path.subList(0, depth);
                    group = group.subGroups.computeIfAbsent(path.get(depth - 1), n -> new Group(prefix));
                }
                for (int depth = 1; depth <= contribution.path().size(); depth++) {
                    firstContributor.putIfAbsent(List.copyOf(contribution.path().subList(0, depth)), plugin.name());
                }
                if (group != root && group.description.isEmpty()) {
                    group.description = contribution.description();
                }
                if (group != root && contribution.defaultCommand().isPresent()) {
                    // As airline's GroupBuilder.withDefaultCommand: also a (usually hidden) command of the group.
                    CommandSpec defaultCommand = contribution.defaultCommand().get();
                    group.defaultCommand = defaultCommand;
                    group.commands.put(defaultCommand.name(), defaultCommand);
                }
                for (CommandSpec command : contribution.commands()) {
                    group.commands.put(command.name(), command);
                }
            }
        }
        describe(root, firstContributor);
        root.defaultCommand = CommandSpec.read(rootCommand);
        StartupTrace.log("command tree of %d plugins %.1f ms", accepted.size(), (System.nanoTime() - t0) / 1e6);
        return new CommandTree(root, outcome, rootCommand, owners);
    }

    /** Airline insisted on a description; a group nobody described names the plugin that brought it. */
    private static void describe(Group group, Map<List<String>, String> firstContributor) {
        for (Group sub : group.subGroups.values()) {
            if (sub.description.isEmpty()) {
                sub.description = "Commands of the " + firstContributor.get(sub.path) + " plugin";
            }
            describe(sub, firstContributor);
        }
    }

    /** @return every plugin, loaded or skipped, in discovery order */
    public List<LoadedPlugin> plugins() {
        return plugins;
    }

    /** @return the root group: top-level commands and groups, the root command as its default */
    public Group root() {
        return root;
    }

    /** @return the CLI's one-line description */
    public String description() {
        return DESCRIPTION;
    }

    /** @return the name of the plugin that contributed {@code commandType}, if any */
    public Optional<String> ownerOf(Class<?> commandType) {
        return owners.entrySet().stream().filter(e -> e.getKey().className().equals(commandType.getName()))
                .map(e -> e.getValue().name()).findFirst();
    }

    /**
     * Finds the group at {@code path}.
     *
     * @param path group names from the root
     * @return the group, or empty when there is none (or the path is empty)
     */
    public Optional<Group> group(List<String> path) {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        Group found = root;
        for (String name : path) {
            found = found.subGroups.get(name);
            if (found == null) {
                return Optional.empty();
            }
        }
        return Optional.of(found);
    }

    private Group groupOrRoot(List<String> path) {
        return path.isEmpty() ? root : group(path).orElse(null);
    }

    /** @return the commands directly under the group at {@code path} (top-level ones for the root) */
    public List<CommandSpec> commandsAt(List<String> path) {
        Group group = groupOrRoot(path);
        return group == null ? List.of() : group.commands();
    }

    /** @return the sub-groups of the group at {@code path} (top-level groups for the root) */
    public List<Group> subGroupsAt(List<String> path) {
        Group group = groupOrRoot(path);
        return group == null ? List.of() : group.subGroups();
    }

    /** @return the command {@code name} under the group at {@code path} */
    public Optional<CommandSpec> command(List<String> path, String name) {
        Group group = groupOrRoot(path);
        return group == null ? Optional.empty() : Optional.ofNullable(group.commands.get(name));
    }

    /**
     * Builds the airline CLI that parses one invocation: the root command, the chain of groups
     * down to {@code groupPath}, and either the command named there or the group's default
     * command. Only those command classes are loaded (a cached plugin's jar is opened now).
     *
     * @throws io.pipecat.cli.errors.CliException when the command's plugin cannot be loaded now
     */
    public Cli<CliCommand> cliFor(List<String> groupPath, Optional<String> commandName) {
        long t0 = System.nanoTime();
        CliBuilder<CliCommand> builder = Cli.<CliCommand>builder(PROGRAM)
                .withDescription(DESCRIPTION)
                .withDefaultCommand(rootCommand)
                .withParser().withCommandFactory(new LauncherCommandFactory(this)).parent();
        Group node = root;
        GroupBuilder<CliCommand> group = null;
        for (String name : groupPath) {
            node = node.subGroups.get(name);
            group = group == null ? builder.withGroup(name) : group.withSubGroup(name);
            group.withDescription(node.description);
        }
        if (commandName.isPresent()) {
            CommandSpec spec = node.commands.get(commandName.get());
            if (spec != null) {
                if (group == null) {
                    builder.withCommand(classOf(spec));
                } else {
                    group.withCommand(classOf(spec));
                }
            }
        } else if (group != null && node.defaultCommand != null) {
            group.withDefaultCommand(classOf(node.defaultCommand));
        }
        Cli<CliCommand> cli = builder.build();
        StartupTrace.log("airline CLI for '%s' %.1f ms",
                String.join(" ", groupPath) + commandName.map(c -> " " + c).orElse(""), (System.nanoTime() - t0) / 1e6);
        return cli;
    }

    private Class<? extends CliCommand> classOf(CommandSpec spec) {
        LoadedPlugin plugin = owners.get(spec);
        return plugin.classes().load(spec.className());
    }

    /**
     * A name a plugin takes in the tree: a command (or the default command) of a group, or a
     * group itself as a word under its parent. Commands and groups share the words of their
     * parent, so a group must not take a word a command already has, nor the reverse.
     *
     * @param parent the group path the name is typed under
     * @param name   the command or group name; empty for a group's default command
     * @param kind   what takes the name
     */
    record Slot(List<String> parent, String name, Kind kind) {
        enum Kind { COMMAND, DEFAULT_COMMAND, GROUP }

        Slot {
            parent = List.copyOf(parent);
        }

        // Written out: a record's generated equals/hashCode link through invokedynamic
        // (ObjectMethods), which the start-up cache cannot hold: a dozen method handles spun on
        // every run, measurable in `pipecat --help`.
        @Override
        public boolean equals(Object other) {
            return other instanceof Slot slot && kind == slot.kind && name.equals(slot.name) && parent.equals(slot.parent);
        }

        @Override
        public int hashCode() {
            return (parent.hashCode() * 31 + name.hashCode()) * 31 + kind.hashCode();
        }

        static Slot command(List<String> group, String name) {
            return new Slot(group, name, Kind.COMMAND);
        }

        static Slot defaultCommand(List<String> group) {
            return new Slot(group, "", Kind.DEFAULT_COMMAND);
        }

        /** @return the slot of the group at {@code path}, as a word of its parent */
        static Slot group(List<String> path) {
            return new Slot(path.subList(0, path.size() - 1), path.get(path.size() - 1), Kind.GROUP);
        }

        /** @return the same word taken by a command instead of a group, or the reverse */
        Slot asCommand() {
            return new Slot(parent, name, Kind.COMMAND);
        }

        Slot asGroup() {
            return new Slot(parent, name, Kind.GROUP);
        }

        /** @return the words a user types, e.g. {@code pipecat cloud auth login} */
        String display() {
            List<String> words = new ArrayList<>();
            words.add(PROGRAM);
            words.addAll(parent);
            words.add(kind == Kind.DEFAULT_COMMAND ? "(default command)" : name);
            return String.join(" ", words).replaceAll("\\s+", " ").trim();
        }
    }

    /** @return every slot the plugin's groups take, in the order they are checked */
    private static List<Slot> slots(GroupSpec group) {
        List<Slot> slots = new ArrayList<>();
        group.defaultCommand().ifPresent(c -> slots.add(Slot.defaultCommand(group.path())));
        for (CommandSpec command : group.commands()) {
            slots.add(Slot.command(group.path(), command.name()));
        }
        for (int depth = 1; depth <= group.path().size(); depth++) {
            // A group name must not hide a command of the same name one level up.
            slots.add(Slot.group(group.path().subList(0, depth)));
        }
        return slots;
    }

    private static Optional<String> clash(LoadedPlugin plugin, Map<Slot, String> taken) {
        Map<Slot, String> mine = new HashMap<>();
        for (GroupSpec group : plugin.groups()) {
            for (Slot slot : slots(group)) {
                if (slot.kind() == Slot.Kind.GROUP) {
                    String owner = taken.get(slot.asCommand());
                    if (owner != null) {
                        return Optional.of("group '" + slot.display() + "' clashes with the command of plugin " + owner);
                    }
                    continue;
                }
                String owner = taken.get(slot);
                if (owner == null && taken.containsKey(slot.asGroup())) {
                    owner = taken.get(slot.asGroup());
                }
                if (owner != null) {
                    return Optional.of("command '" + slot.display() + "' clashes with "
                            + (owner.startsWith("built-in ") ? "a " + owner : "plugin " + owner)
                            + " command; skipped");
                }
                if (mine.put(slot, plugin.name()) != null) {
                    return Optional.of("command '" + slot.display() + "' is added twice");
                }
            }
        }
        return Optional.empty();
    }

    private static void claim(LoadedPlugin plugin, Map<Slot, String> taken) {
        String owner = (plugin.source().builtIn() ? "built-in " : "") + plugin.name();
        for (GroupSpec group : plugin.groups()) {
            for (Slot slot : slots(group)) {
                if (slot.kind() == Slot.Kind.GROUP) {
                    taken.putIfAbsent(slot, owner);
                } else {
                    taken.put(slot, owner);
                }
            }
        }
    }
}
