package io.pipecat.cli.launcher.plugins;

import com.github.rvesse.airline.Cli;
import com.github.rvesse.airline.builder.CliBuilder;
import com.github.rvesse.airline.builder.GroupBuilder;
import com.github.rvesse.airline.model.CommandGroupMetadata;
import io.pipecat.cli.config.FileSettings;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.core.internal.CliVersion;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.errors.ExitCode;
import io.pipecat.cli.launcher.StartupTrace;
import io.pipecat.cli.launcher.builtin.RootCommand;
import io.pipecat.cli.launcher.tree.GroupSpec;
import io.pipecat.cli.spi.CliCommand;
import io.pipecat.cli.spi.CommandGroupProvider;
import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Finds command-group plugins: built-ins with {@link ServiceLoader} on the boot layer, and every
 * plugin of the plugin folders — a {@code *.jar}, a folder of jars (the plugin and its libraries)
 * or a {@code *.link} to a build output, see {@link PluginFiles} — each in a {@link ModuleLayer}
 * of its own so that one broken plugin (garbage bytes, a missing dependency, a provider that
 * throws, a plugin API this CLI does not support) costs only itself. What a plugin holds is
 * remembered in the {@link PluginIndex}: an unchanged plugin is not opened again until one of its
 * commands runs. Order is deterministic: built-ins by name, then plugins by folder order and file
 * name; of two copies of one module only the newest is used ({@link NewestCopies}). A plugin is
 * loaded on a daemon thread of its own with a time limit, so
 * a provider that hangs costs about two seconds and no more; {@link PluginExitGuard} deals with
 * one that calls {@code System.exit}.
 */
public final class PluginDiscovery {
    /** The plugin folders' environment variable (a path-separator list). */
    public static final String PLUGIN_PATH_VARIABLE = "PIPECAT_PLUGIN_PATH";

    private PluginDiscovery() {}

    /** @return the built-in plugins, then the third-party ones of the folders {@code env} names */
    public static List<LoadedPlugin> discover(Environment env) {
        long t0 = System.nanoTime();
        List<LoadedPlugin> plugins = new ArrayList<>(builtIns());
        long t1 = System.nanoTime();
        List<PluginFiles> found = new ArrayList<>();
        for (Path folder : pluginFolders(env)) {
            found.addAll(PluginFiles.scan(folder));
        }
        int[] hitsAndMisses = new int[2];
        if (!found.isEmpty()) {
            Path indexFile = PluginIndex.location(env);
            PluginIndex index = PluginIndex.load(indexFile, CliVersion.get());
            List<LoadedPlugin> thirdParty = new ArrayList<>();
            for (PluginFiles files : found) {
                thirdParty.add(fromIndexOrFiles(index, indexFile, files, hitsAndMisses));
            }
            index.save();
            plugins.addAll(NewestCopies.choose(thirdParty));
        }
        StartupTrace.log(
                "built-ins %.1f ms; %d plugin jars (%d from the index, %d read) %.1f ms",
                (t1 - t0) / 1e6, found.size(), hitsAndMisses[0], hitsAndMisses[1], (System.nanoTime() - t1) / 1e6);
        return plugins;
    }

    /**
     * Loads one plugin on its own — a jar, or a folder holding its module jar and libraries (or a
     * module's classes folder) as one layer — exactly as discovery loads it but without the plugin
     * index, and checks its commands: {@code plugins install} and {@code link} keep a plugin only
     * when this finds no problem.
     */
    public static LoadedPlugin check(Path plugin) {
        PluginFiles files = PluginFiles.of(plugin);
        return loadWithin(files, () -> {})
                .map(PluginDiscovery::validated)
                .orElseGet(() -> LoadedPlugin.broken(files.fallbackName(), files.source(), TIMED_OUT));
    }

    /**
     * Forgets what the plugin index remembers, failures included, so that the next discovery reads
     * every plugin again: {@code plugins list --refresh} does, and so must anything that changes the
     * plugin folders ({@code plugins install}, {@code uninstall}, {@code upgrade}, {@code link}): a
     * plugin that failed because of another plugin or a missing library may work now, and its own
     * files — the index's key — did not change.
     */
    public static void forgetIndex(Environment env) {
        PluginIndex.forgetAll(PluginIndex.location(env));
    }

    /** Added to a failure served from the index: the plugin was not read again in this run. */
    static final String FROM_CACHE = " (cached; run `pipecat plugins list --refresh` to retry)";

    /** How many times a third-party plugin was opened and loaded in a layer (tests: index hits open none). */
    static final AtomicInteger JAR_LOADS = new AtomicInteger();

    /**
     * A plugin from the index when its files are unchanged (nothing is opened: its classes are
     * loaded only if one of its commands runs), else loaded, checked and recorded.
     */
    private static LoadedPlugin fromIndexOrFiles(
            PluginIndex index, Path indexFile, PluginFiles files, int[] hitsAndMisses) {
        if (files.problem().isPresent()) {
            return LoadedPlugin.broken(
                    files.fallbackName(), files.source(), files.problem().get());
        }
        Optional<PluginIndex.Key> key = files.key();
        Optional<PluginIndex.Entry> entry = key.flatMap(index::lookup);
        if (entry.isPresent()) {
            hitsAndMisses[0]++;
            PluginIndex.Entry e = entry.get();
            return new LoadedPlugin(
                    e.name(),
                    e.version(),
                    files.source(),
                    e.groups(),
                    e.problem().map(p -> p + FROM_CACHE),
                    lazyClasses(files, indexFile),
                    e.details());
        }
        hitsAndMisses[1]++;
        Optional<LoadedPlugin> loaded = loadWithin(files, rememberExit(files, key, indexFile));
        if (loaded.isEmpty()) {
            // Not remembered: a machine busy for a moment must not disable a plugin for good.
            return LoadedPlugin.broken(files.fallbackName(), files.source(), TIMED_OUT);
        }
        LoadedPlugin plugin = validated(loaded.get());
        key.ifPresent(k -> index.put(k, plugin));
        return plugin;
    }

    /** How long a third-party jar may take to load: its layer, its provider's constructor and {@code groups()}. */
    static final Duration LOAD_TIME_LIMIT = Duration.ofSeconds(2);

    static final String TIMED_OUT = "it did not load within " + LOAD_TIME_LIMIT.toSeconds()
            + " s (its provider's constructor or groups() hangs or is too slow); tried again on the next run";

    static final String CALLED_EXIT = "its provider called System.exit during discovery";

    /**
     * Loads the plugin on a daemon thread of its own and waits at most {@link #LOAD_TIME_LIMIT}: a
     * provider that hangs costs the run that much and no more (its thread is left behind, marked
     * as plugin code for the {@link PluginExitGuard}, and dies with the process).
     *
     * @return the plugin, or empty when it did not load in time
     */
    static Optional<LoadedPlugin> loadWithin(PluginFiles files, Runnable onExit) {
        FutureTask<LoadedPlugin> task =
                new FutureTask<>(() -> PluginExitGuard.discovering(files.location(), onExit, () -> loadJar(files)));
        Thread worker = new Thread(task, "pipecat-plugin-loader " + files.fallbackName());
        worker.setDaemon(true);
        worker.start();
        try {
            return Optional.of(task.get(LOAD_TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            worker.interrupt();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(LoadedPlugin.broken(files.fallbackName(), files.source(), describe(e.getCause())));
        }
    }

    /**
     * If the plugin's provider calls {@code System.exit} while it loads, this run ends with an error
     * (see {@link PluginExitGuard}); this remembers the plugin as broken so that later runs skip it
     * with a warning instead of failing every command.
     */
    private static Runnable rememberExit(PluginFiles files, Optional<PluginIndex.Key> key, Path indexFile) {
        return () -> key.ifPresent(k -> {
            PluginIndex index = PluginIndex.load(indexFile, CliVersion.get());
            index.put(k, LoadedPlugin.broken(files.fallbackName(), files.source(), CALLED_EXIT));
            index.save();
        });
    }

    /**
     * Loads the plugin (in its own layer) the first time one of its commands is about to run. If it
     * cannot be loaded now, the command fails (exit 1, one line) and the plugin's index entry is
     * dropped, so the next run reads it again and reports what is wrong with it.
     */
    private static LoadedPlugin.CommandClasses lazyClasses(PluginFiles files, Path indexFile) {
        LoadedPlugin[] loaded = new LoadedPlugin[1];
        return className -> {
            if (loaded[0] == null) {
                loaded[0] = loadWithin(files, rememberExit(files, files.key(), indexFile))
                        .orElseGet(() -> LoadedPlugin.broken(files.fallbackName(), files.source(), TIMED_OUT));
            }
            LoadedPlugin plugin = loaded[0];
            String problem;
            if (plugin.problem().isPresent()) {
                problem = plugin.problem().get();
            } else {
                try {
                    return plugin.classes().load(className);
                } catch (IllegalStateException e) {
                    problem = e.getMessage();
                }
            }
            PluginIndex index = PluginIndex.load(indexFile, CliVersion.get());
            index.forget(files.entry());
            index.save();
            throw new CliException(ExitCode.ERROR, "Error: plugin " + files.source() + " cannot be loaded: " + problem);
        };
    }

    /**
     * Airline reads a command's annotations when a CLI is built; a plugin whose commands it cannot
     * read is skipped. Checked once per jar version, with a trial build of the plugin's own
     * commands (the result goes into the index).
     */
    static LoadedPlugin validated(LoadedPlugin plugin) {
        if (plugin.problem().isPresent()) {
            return plugin;
        }
        try {
            CliBuilder<CliCommand> builder =
                    Cli.<CliCommand>builder("pipecat").withDescription("trial").withDefaultCommand(RootCommand.class);
            Map<List<String>, GroupBuilder<CliCommand>> groups = new HashMap<>();
            for (GroupSpec contribution : plugin.groups()) {
                List<String> path = contribution.path();
                if (path.isEmpty()) {
                    contribution
                            .commands()
                            .forEach(c -> builder.withCommand(plugin.classes().load(c.className())));
                    continue;
                }
                GroupBuilder<CliCommand> group = null;
                for (int depth = 1; depth <= path.size(); depth++) {
                    GroupBuilder<CliCommand> parent = group;
                    String name = path.get(depth - 1);
                    group = groups.computeIfAbsent(
                            List.copyOf(path.subList(0, depth)),
                            p -> (parent == null ? builder.withGroup(name) : parent.withSubGroup(name))
                                    .withDescription("trial"));
                }
                GroupBuilder<CliCommand> target = group;
                contribution
                        .defaultCommand()
                        .ifPresent(
                                c -> target.withDefaultCommand(plugin.classes().load(c.className())));
                contribution
                        .commands()
                        .forEach(c -> target.withCommand(plugin.classes().load(c.className())));
            }
            Optional<String> elsewhere = placedElsewhere(plugin, builder.build());
            if (elsewhere.isPresent()) {
                return plugin.skipped(elsewhere.get());
            }
            return plugin;
        } catch (RuntimeException | LinkageError e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return plugin.skipped("its commands cannot be read: " + message.replaceAll("\\s+", " "));
        }
    }

    /**
     * Airline also places a command where its class says — {@code @Command(groupNames = …)},
     * {@code @Group}, {@code @Groups} — which would give it a second name (an alias) that the
     * launcher's tree, and its clash rules, never see. A plugin's commands go only where its
     * {@code CommandGroup}s put them.
     *
     * @return the first place airline put a command that the plugin did not declare
     */
    private static Optional<String> placedElsewhere(LoadedPlugin plugin, Cli<CliCommand> trial) {
        Set<List<String>> declared = new HashSet<>();
        for (GroupSpec group : plugin.groups()) {
            group.defaultCommand().ifPresent(c -> declared.add(place(group.path(), c.className())));
            group.commands().forEach(c -> declared.add(place(group.path(), c.className())));
        }
        List<List<String>> placed = new ArrayList<>();
        trial.getMetadata()
                .getDefaultGroupCommands()
                .forEach(c -> placed.add(place(List.of(), c.getType().getName())));
        trial.getMetadata().getCommandGroups().forEach(g -> placements(g, List.of(), placed));
        for (List<String> place : placed) {
            String type = place.get(place.size() - 1);
            if (!declared.contains(place) && !type.equals(RootCommand.class.getName())) {
                String where = String.join(" ", place.subList(0, place.size() - 1));
                return Optional.of("command class " + type + " places itself in '" + ("pipecat " + where).trim()
                        + "' with @Command(groupNames) or @Group; commands go only where CommandGroup puts them");
            }
        }
        return Optional.empty();
    }

    private static void placements(CommandGroupMetadata group, List<String> parent, List<List<String>> placed) {
        List<String> path = new ArrayList<>(parent);
        path.add(group.getName());
        if (group.getDefaultCommand() != null) {
            placed.add(place(path, group.getDefaultCommand().getType().getName()));
        }
        group.getCommands().forEach(c -> placed.add(place(path, c.getType().getName())));
        group.getSubGroups().forEach(g -> placements(g, path, placed));
    }

    /** @return the group path, then the command class name */
    private static List<String> place(List<String> groupPath, String className) {
        List<String> place = new ArrayList<>(groupPath);
        place.add(className);
        return List.copyOf(place);
    }

    /** @return {@code PIPECAT_PLUGIN_PATH}'s folders, else {@code ~/.config/pipecatcloud/plugins} */
    public static List<Path> pluginFolders(Environment env) {
        Optional<String> configured = env.get(PLUGIN_PATH_VARIABLE);
        if (configured.isPresent()) {
            return Arrays.stream(configured.get().split(File.pathSeparator))
                    .filter(s -> !s.isBlank())
                    .map(Path::of)
                    .toList();
        }
        return List.of(FileSettings.home(env)
                .resolve(".config")
                .resolve("pipecatcloud")
                .resolve("plugins"));
    }

    public static List<LoadedPlugin> builtIns() {
        List<LoadedPlugin> plugins = new ArrayList<>();
        for (ServiceLoader.Provider<CommandGroupProvider> candidate :
                providersIn(ServiceLoader.load(ModuleLayer.boot(), CommandGroupProvider.class))) {
            plugins.add(instantiate(
                    candidate,
                    PluginSource.BUILT_IN,
                    candidate.type().getModule().getName() == null
                            ? candidate.type().getName()
                            : candidate.type().getModule().getName()));
        }
        // Not Comparator.comparing: its comparator is a serializable lambda, which the start-up cache
        // cannot hold (spun again on every run, ~6 ms).
        plugins.sort((a, b) -> a.name().compareTo(b.name()));
        return plugins;
    }

    private static List<ServiceLoader.Provider<CommandGroupProvider>> providersIn(
            ServiceLoader<CommandGroupProvider> loader) {
        return loader.stream().collect(Collectors.toList());
    }

    /** Module names only the CLI's own modules may have. */
    static final String RESERVED_MODULE_PREFIX = "io.pipecat.cli.";

    /** The one module of the CLI a plugin may require: the plugin API. */
    static final String CORE_MODULE = "io.pipecat.cli.core";

    /**
     * Loads one third-party plugin — a jar, or a folder of jars — in a layer of its own whose
     * parent is the CLI's; every failure becomes the plugin's problem.
     */
    static LoadedPlugin loadJar(PluginFiles files) {
        JAR_LOADS.incrementAndGet();
        PluginSource source = files.source();
        String fallbackName = files.fallbackName();
        try {
            PluginModules modules = PluginModules.of(files);
            if (modules.problem().isPresent()) {
                return LoadedPlugin.broken(
                        fallbackName, source, modules.problem().get());
            }
            ModuleFinder finder = modules.finder();
            String moduleName = modules.root().descriptor().name();
            LoadedPlugin.Details details = modules.details();
            Optional<String> unsupported = PluginModules.unsupportedApi(details);
            if (unsupported.isPresent()) {
                return LoadedPlugin.broken(fallbackName, source, unsupported.get())
                        .with(details);
            }
            if (moduleName.startsWith(RESERVED_MODULE_PREFIX)) {
                // The core exports its credential and store packages to modules by name
                // (io.pipecat.cli.auth, io.pipecat.cli.store.*): a plugin must not take such a name.
                return LoadedPlugin.broken(
                        fallbackName,
                        source,
                        "module " + moduleName + " is named like a module of" + " the CLI itself ("
                                + RESERVED_MODULE_PREFIX + "*); a third-party plugin needs a name of its own");
            }
            Optional<String> internal = modules.root().descriptor().requires().stream()
                    .map(ModuleDescriptor.Requires::name)
                    .filter(name -> name.startsWith(RESERVED_MODULE_PREFIX) && !name.equals(CORE_MODULE))
                    .findFirst();
            if (internal.isPresent()) {
                // The plugin API is pipecat-core; the launcher (which can run any command in-process)
                // and the other modules of the CLI are not for plugins to call.
                return LoadedPlugin.broken(
                        fallbackName,
                        source,
                        "module " + moduleName + " requires " + internal.get() + "; a plugin may require only "
                                + CORE_MODULE + " of the CLI's modules");
            }
            if (ModuleLayer.boot().findModule(moduleName).isPresent()) {
                return LoadedPlugin.broken(
                        fallbackName, source, "module " + moduleName + " is already part of the CLI");
            }
            ModuleLayer parent = ModuleLayer.boot();
            Configuration configuration =
                    parent.configuration().resolveAndBind(finder, ModuleFinder.of(), Set.of(moduleName));
            ModuleLayer layer =
                    parent.defineModulesWithOneLoader(configuration, PluginDiscovery.class.getClassLoader());
            PluginExitGuard.layerDefined(layer, files.location());
            List<ServiceLoader.Provider<CommandGroupProvider>> providers =
                    providersIn(ServiceLoader.load(layer, CommandGroupProvider.class)).stream()
                            .filter(p -> p.type().getModule().getLayer() == layer)
                            .filter(p -> p.type().getModule().getName().equals(moduleName))
                            .toList();
            if (providers.isEmpty()) {
                return LoadedPlugin.broken(
                                fallbackName,
                                source,
                                "module " + moduleName + " provides no io.pipecat.cli.spi.CommandGroupProvider")
                        .with(details);
            }
            if (providers.size() > 1) {
                return LoadedPlugin.broken(
                                fallbackName,
                                source,
                                "module " + moduleName
                                        + " provides more than one io.pipecat.cli.spi.CommandGroupProvider")
                        .with(details);
            }
            return instantiate(providers.get(0), source, fallbackName).with(details);
        } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
            // FindException (unreadable jar, bad module-info), ResolutionException (missing
            // dependency), LayerInstantiationException, ServiceConfigurationError, …
            return LoadedPlugin.broken(fallbackName, source, describe(e));
        }
    }

    private static LoadedPlugin instantiate(
            ServiceLoader.Provider<CommandGroupProvider> candidate, PluginSource source, String fallbackName) {
        try {
            CommandGroupProvider provider = candidate.get();
            return LoadedPlugin.of(provider.name(), provider.version(), source, provider.groups());
        } catch (Throwable e) { // a plugin's failure of any kind costs only that plugin
            return LoadedPlugin.broken(
                    fallbackName, source, "provider " + candidate.type().getName() + " failed: " + describe(e));
        }
    }

    /** One line: the exception's own words, with its cause when that says more. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message = message + ": " + root.getMessage();
        }
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
