package io.pipecat.cli.launcher.tree;

import com.github.rvesse.airline.Cli;
import com.github.rvesse.airline.builder.CliBuilder;
import com.github.rvesse.airline.builder.GroupBuilder;
import io.pipecat.cli.launcher.StartupTrace;
import io.pipecat.cli.launcher.plugins.LoadedPlugin;
import io.pipecat.cli.spi.CliCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The merged command tree of all plugins, as the launcher's own light model (the specs generated at
 * compile time, or copied into the plugin index). Help, completion, path resolution and the plugin list
 * work from it; airline's model is built only to parse one invocation ({@link #cliFor}), with just
 * the group chain and the one command it names.
 *
 * <p>Merge rules: plugins are added in discovery order, built-ins always first. Several plugins
 * may add commands to the same group. A plugin that would take a place already held — a command
 * name, a default command, a group over a command or a command over a group — by a built-in or an
 * earlier plugin, or that redefines a built-in group (its description or default command), is
 * skipped whole and reported: built-in commands can never be replaced or shadowed.
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

    private CommandTree(
            Group root,
            List<LoadedPlugin> plugins,
            Class<? extends CliCommand> rootCommand,
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
        // Built-ins claim their names first whatever order the caller gave: a third-party plugin can
        // never get in ahead of one. The outcome keeps the discovery order.
        Claims claims = new Claims();
        LoadedPlugin[] outcome = discovered.toArray(LoadedPlugin[]::new);
        List<LoadedPlugin> accepted = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (boolean builtIns : new boolean[] {true, false}) {
            for (int i = 0; i < outcome.length; i++) {
                if (outcome[i].source().builtIn() == builtIns) {
                    order.add(i);
                }
            }
        }
        for (int i : order) {
            LoadedPlugin plugin = outcome[i];
            if (plugin.problem().isPresent()) {
                continue;
            }
            Optional<String> problem = claims.clash(plugin);
            if (problem.isPresent()) {
                outcome[i] = plugin.skipped(problem.get());
                continue;
            }
            claims.claim(plugin);
            accepted.add(plugin);
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
        return new CommandTree(root, List.of(outcome), rootCommand, owners);
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
        return owners.entrySet().stream()
                .filter(e -> e.getKey().className().equals(commandType.getName()))
                .map(e -> e.getValue().name())
                .findFirst();
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
                .withParser()
                .withCommandFactory(new LauncherCommandFactory(this))
                .parent();
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
        StartupTrace.log(
                "airline CLI for '%s' %.1f ms",
                String.join(" ", groupPath) + commandName.map(c -> " " + c).orElse(""), (System.nanoTime() - t0) / 1e6);
        return cli;
    }

    /** Loads the class of a command of this tree (a cached plugin's jar is opened now). */
    Class<? extends CliCommand> commandClass(CommandSpec spec) {
        return spec == root.defaultCommand ? rootCommand : classOf(spec);
    }

    private Class<? extends CliCommand> classOf(CommandSpec spec) {
        LoadedPlugin plugin = owners.get(spec);
        return plugin.classes().load(spec.className());
    }

    /**
     * Who holds each place of the tree so far, and the rules a plugin's contributions must keep to
     * be merged. A name under a group is held by one command or one sub-group. Every way to take
     * over a place is a clash: the same name, a default command (airline also makes it a command
     * of the group under its own name), a group over a command or a command over a group. The
     * groups built-ins define (and the root) are theirs: a third-party plugin may add commands and
     * sub-groups to them, but not give them another description or a default command.
     */
    private static final class Claims {
        /** A name in the group at {@code group}: a command or a sub-group. */
        private record Place(List<String> group, String name) {
            // Written out: a record's generated equals/hashCode link through invokedynamic
            // (ObjectMethods), which the start-up cache cannot hold: method handles spun on every run.
            @Override
            public boolean equals(Object other) {
                return other instanceof Place place && name.equals(place.name) && group.equals(place.group);
            }

            @Override
            public int hashCode() {
                return group.hashCode() * 31 + name.hashCode();
            }

            String display() {
                return (PROGRAM + " " + String.join(" ", group) + " " + name)
                        .replaceAll("\\s+", " ")
                        .trim();
            }
        }

        private static String display(List<String> group) {
            return (PROGRAM + " " + String.join(" ", group)).trim();
        }

        private final Map<Place, String> commands = new HashMap<>();
        private final Map<Place, String> groups = new HashMap<>();
        private final Map<List<String>, String> defaultCommands = new HashMap<>();
        /** The groups built-ins define, with the description they gave (empty when none). */
        private final Map<List<String>, String> builtInGroups = new HashMap<>();

        Claims() {
            // The root belongs to the launcher: its default command prints the version and the help.
            builtInGroups.put(List.of(), "");
            defaultCommands.put(List.of(), "built-in launcher");
        }

        /** @return why {@code plugin} cannot be merged, or empty when it keeps to the rules */
        Optional<String> clash(LoadedPlugin plugin) {
            boolean thirdParty = !plugin.source().builtIn();
            Map<Place, String> myCommands = new HashMap<>();
            Set<Place> myGroups = new HashSet<>();
            Set<List<String>> myDefaults = new HashSet<>();
            for (GroupSpec group : plugin.groups()) {
                List<String> path = group.path();
                for (int depth = 1; depth <= path.size(); depth++) {
                    myGroups.add(new Place(List.copyOf(path.subList(0, depth - 1)), path.get(depth - 1)));
                }
                if (thirdParty && builtInGroups.containsKey(path)) {
                    String builtInDescription = builtInGroups.get(path);
                    if (!group.description().isEmpty() && !group.description().equals(builtInDescription)) {
                        return Optional.of(
                                "it redefines the description of the built-in group '" + display(path) + "'; skipped");
                    }
                    if (group.defaultCommand().isPresent()) {
                        return Optional.of(
                                "it sets a default command for the built-in group '" + display(path) + "'; skipped");
                    }
                }
                if (group.defaultCommand().isPresent()) {
                    String owner = defaultCommands.get(path);
                    if (owner != null) {
                        return Optional.of("command '" + display(path) + " (default command)' clashes with "
                                + ownerText(owner) + " command; skipped");
                    }
                    if (!myDefaults.add(path)) {
                        return Optional.of("command '" + display(path) + " (default command)' is added twice");
                    }
                }
                List<CommandSpec> all = new ArrayList<>(group.commands());
                group.defaultCommand().ifPresent(all::add);
                for (CommandSpec command : all) {
                    Place place = new Place(path, command.name());
                    if (commands.containsKey(place)) {
                        return Optional.of("command '" + place.display() + "' clashes with "
                                + ownerText(commands.get(place)) + " command; skipped");
                    }
                    if (groups.containsKey(place)) {
                        String owner = groups.get(place);
                        return Optional.of("command '" + place.display() + "' clashes with a group of the "
                                + (owner.startsWith("built-in ") ? owner + " plugin" : "plugin " + owner)
                                + "; skipped");
                    }
                    if (myCommands.put(place, command.className()) != null) {
                        return Optional.of("command '" + place.display() + "' is added twice");
                    }
                }
            }
            for (Place group : myGroups) {
                // A group name must not hide a command of the same name one level up.
                String owner = commands.get(group);
                if (owner != null) {
                    return Optional.of("group '" + group.display() + "' clashes with the command of plugin " + owner);
                }
                if (myCommands.containsKey(group)) {
                    return Optional.of("group '" + group.display() + "' clashes with its own command");
                }
            }
            return Optional.empty();
        }

        private static String ownerText(String owner) {
            return owner.startsWith("built-in ") ? "a " + owner : "plugin " + owner;
        }

        /** Records the places of a plugin that was merged. */
        void claim(LoadedPlugin plugin) {
            String owner = (plugin.source().builtIn() ? "built-in " : "") + plugin.name();
            for (GroupSpec group : plugin.groups()) {
                List<String> path = group.path();
                group.defaultCommand().ifPresent(c -> {
                    defaultCommands.put(path, owner);
                    commands.put(new Place(path, c.name()), owner);
                });
                for (CommandSpec command : group.commands()) {
                    commands.put(new Place(path, command.name()), owner);
                }
                for (int depth = 1; depth <= path.size(); depth++) {
                    groups.putIfAbsent(new Place(List.copyOf(path.subList(0, depth - 1)), path.get(depth - 1)), owner);
                    if (plugin.source().builtIn()) {
                        builtInGroups.putIfAbsent(List.copyOf(path.subList(0, depth)), "");
                    }
                }
                if (plugin.source().builtIn()
                        && !group.description().isEmpty()
                        && !path.isEmpty()
                        && builtInGroups.get(path).isEmpty()) {
                    builtInGroups.put(path, group.description());
                }
            }
        }
    }
}
