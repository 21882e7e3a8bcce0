package io.pipecat.cli.launcher.plugins;

import com.github.rvesse.airline.Cli;
import com.github.rvesse.airline.builder.CliBuilder;
import com.github.rvesse.airline.builder.GroupBuilder;
import com.github.rvesse.airline.model.CommandGroupMetadata;
import io.pipecat.cli.config.Settings;
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
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 * {@code *.jar} of the plugin folders, each in a {@link ModuleLayer} of its own so that one
 * broken jar (garbage bytes, a missing dependency, a provider that throws) costs only itself.
 * What a jar holds is remembered in the {@link PluginIndex}: an unchanged jar is not opened
 * again until one of its commands runs. Order is deterministic: built-ins by name, then jars by
 * folder order and file name. A jar is loaded on a daemon thread of its own with a time limit, so
 * a provider that hangs costs about two seconds and no more; {@link PluginExitGuard} deals with
 * one that calls {@code System.exit}.
 */
public final class PluginDiscovery {
    /** The plugin folders' environment variable (a path-separator list). */
    public static final String PLUGIN_PATH_VARIABLE = "PIPECAT_PLUGIN_PATH";

    private PluginDiscovery() {
    }

    /** @return the built-in plugins, then the third-party ones of the folders {@code env} names */
    public static List<LoadedPlugin> discover(Environment env) {
        long t0 = System.nanoTime();
        List<LoadedPlugin> plugins = new ArrayList<>(builtIns());
        long t1 = System.nanoTime();
        List<Path> jars = new ArrayList<>();
        for (Path folder : pluginFolders(env)) {
            jars.addAll(jarsIn(folder));
        }
        int[] hitsAndMisses = new int[2];
        if (!jars.isEmpty()) {
            Path indexFile = PluginIndex.location(env);
            PluginIndex index = PluginIndex.load(indexFile, CliVersion.get());
            for (Path jar : jars) {
                plugins.add(fromIndexOrJar(index, indexFile, jar, hitsAndMisses));
            }
            index.save();
        }
        StartupTrace.log("built-ins %.1f ms; %d plugin jars (%d from the index, %d read) %.1f ms",
                (t1 - t0) / 1e6, jars.size(), hitsAndMisses[0], hitsAndMisses[1], (System.nanoTime() - t1) / 1e6);
        return plugins;
    }

    /**
     * Loads one plugin on its own — a jar, or a folder holding its module jar and libraries (or a
     * module's classes folder) as one layer — exactly as discovery loads a jar but without the
     * plugin index, and checks its commands: {@code plugins install} and {@code link} keep a plugin
     * only when this finds no problem.
     */
    public static LoadedPlugin check(Path plugin) {
        return loadJarWithin(plugin, () -> { })
                .map(PluginDiscovery::validated)
                .orElseGet(() -> LoadedPlugin.broken(plugin.getFileName().toString(), PluginSource.jar(plugin), TIMED_OUT));
    }

    /**
     * Forgets everything the plugin index remembers, so that the next run reads every plugin
     * again: anything that changes the plugin folders calls it (a plugin that failed for want of
     * another may work now, though its own files did not change).
     */
    public static void forgetIndex(Environment env) {
        try {
            Files.deleteIfExists(PluginIndex.location(env));
        } catch (IOException | RuntimeException e) {
            // the index is a cache: an entry of a changed jar is not used anyway (its key changed)
        }
    }

    /** How many times a third-party jar was opened and loaded in a layer (tests: index hits open none). */
    static final AtomicInteger JAR_LOADS = new AtomicInteger();

    /**
     * A jar's plugin from the index when the jar is unchanged (the jar is not opened: its classes
     * are loaded only if one of its commands runs), else loaded, checked and recorded.
     */
    private static LoadedPlugin fromIndexOrJar(PluginIndex index, Path indexFile, Path jar, int[] hitsAndMisses) {
        Optional<PluginIndex.Key> key = PluginIndex.Key.of(jar);
        Optional<PluginIndex.Entry> entry = key.flatMap(index::lookup);
        if (entry.isPresent()) {
            hitsAndMisses[0]++;
            PluginIndex.Entry e = entry.get();
            return new LoadedPlugin(e.name(), e.version(), PluginSource.jar(jar), e.groups(), e.problem(),
                    lazyClasses(jar, indexFile));
        }
        hitsAndMisses[1]++;
        Optional<LoadedPlugin> loaded = loadJarWithin(jar, rememberExit(jar, key, indexFile));
        if (loaded.isEmpty()) {
            // Not remembered: a machine busy for a moment must not disable a plugin for good.
            return LoadedPlugin.broken(jar.getFileName().toString(), PluginSource.jar(jar), TIMED_OUT);
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
     * Loads the jar on a daemon thread of its own and waits at most {@link #LOAD_TIME_LIMIT}: a
     * provider that hangs costs the run that much and no more (its thread is left behind, marked
     * as plugin code for the {@link PluginExitGuard}, and dies with the process).
     *
     * @return the plugin, or empty when it did not load in time
     */
    static Optional<LoadedPlugin> loadJarWithin(Path jar, Runnable onExit) {
        FutureTask<LoadedPlugin> task = new FutureTask<>(() -> PluginExitGuard.discovering(jar, onExit, () -> loadJar(jar)));
        Thread worker = new Thread(task, "pipecat-plugin-loader " + jar.getFileName());
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
            return Optional.of(LoadedPlugin.broken(jar.getFileName().toString(), PluginSource.jar(jar),
                    describe(e.getCause())));
        }
    }

    /**
     * If the jar's provider calls {@code System.exit} while it loads, this run ends with an error
     * (see {@link PluginExitGuard}); this remembers the jar as broken so that later runs skip it
     * with a warning instead of failing every command.
     */
    private static Runnable rememberExit(Path jar, Optional<PluginIndex.Key> key, Path indexFile) {
        return () -> key.ifPresent(k -> {
            PluginIndex index = PluginIndex.load(indexFile, CliVersion.get());
            index.put(k, LoadedPlugin.broken(jar.getFileName().toString(), PluginSource.jar(jar), CALLED_EXIT));
            index.save();
        });
    }

    /**
     * Loads the jar (in its own layer) the first time one of its commands is about to run. If it
     * cannot be loaded now, the command fails (exit 1, one line) and the jar's index entry is
     * dropped, so the next run reads the jar again and reports what is wrong with it.
     */
    private static LoadedPlugin.CommandClasses lazyClasses(Path jar, Path indexFile) {
        LoadedPlugin[] loaded = new LoadedPlugin[1];
        return className -> {
            if (loaded[0] == null) {
                loaded[0] = loadJarWithin(jar, rememberExit(jar, PluginIndex.Key.of(jar), indexFile))
                        .orElseGet(() -> LoadedPlugin.broken(jar.getFileName().toString(), PluginSource.jar(jar), TIMED_OUT));
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
            index.forget(jar);
            index.save();
            throw new CliException(ExitCode.ERROR, "Error: plugin " + jar + " cannot be loaded: " + problem);
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
            CliBuilder<CliCommand> builder = Cli.<CliCommand>builder("pipecat")
                    .withDescription("trial")
                    .withDefaultCommand(RootCommand.class);
            Map<List<String>, GroupBuilder<CliCommand>> groups = new HashMap<>();
            for (GroupSpec contribution : plugin.groups()) {
                List<String> path = contribution.path();
                if (path.isEmpty()) {
                    contribution.commands().forEach(c -> builder.withCommand(plugin.classes().load(c.className())));
                    continue;
                }
                GroupBuilder<CliCommand> group = null;
                for (int depth = 1; depth <= path.size(); depth++) {
                    GroupBuilder<CliCommand> parent = group;
                    String name = path.get(depth - 1);
                    group = groups.computeIfAbsent(List.copyOf(path.subList(0, depth)), p -> (parent == null
                            ? builder.withGroup(name) : parent.withSubGroup(name)).withDescription("trial"));
                }
                GroupBuilder<CliCommand> target = group;
                contribution.defaultCommand().ifPresent(c -> target.withDefaultCommand(plugin.classes().load(c.className())));
                contribution.commands().forEach(c -> target.withCommand(plugin.classes().load(c.className())));
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
        trial.getMetadata().getDefaultGroupCommands().forEach(c -> placed.add(place(List.of(), c.getType().getName())));
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
        return List.of(Settings.home(env).resolve(".config").resolve("pipecatcloud").resolve("plugins"));
    }

    public static List<LoadedPlugin> builtIns() {
        List<LoadedPlugin> plugins = new ArrayList<>();
        for (ServiceLoader.Provider<CommandGroupProvider> candidate : providersIn(ServiceLoader.load(
                ModuleLayer.boot(), CommandGroupProvider.class))) {
            plugins.add(instantiate(candidate, PluginSource.BUILT_IN,
                    candidate.type().getModule().getName() == null ? candidate.type().getName()
                            : candidate.type().getModule().getName()));
        }
        plugins.sort(Comparator.comparing(LoadedPlugin::name));
        return plugins;
    }

    private static List<ServiceLoader.Provider<CommandGroupProvider>> providersIn(
            ServiceLoader<CommandGroupProvider> loader) {
        return loader.stream().collect(Collectors.toList());
    }

    private static List<Path> jarsIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path entry : entries) {
                if (!Files.isDirectory(entry)) {
                    jars.add(entry);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        jars.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return jars;
    }

    /** Loads one third-party jar in its own layer; every failure becomes the plugin's problem. */
    static LoadedPlugin loadJar(Path jar) {
        JAR_LOADS.incrementAndGet();
        PluginSource source = PluginSource.jar(jar);
        String fallbackName = jar.getFileName().toString();
        try {
            ModuleFinder finder = ModuleFinder.of(jar);
            Set<ModuleReference> modules = finder.findAll();
            if (modules.size() > 1) {
                // A folder: the plugin's module (the one providing the service) and its libraries.
                modules = modules.stream().filter(m -> m.descriptor().provides().stream()
                        .anyMatch(p -> p.service().equals(CommandGroupProvider.class.getName())))
                        .collect(Collectors.toSet());
            }
            if (modules.size() != 1) {
                return LoadedPlugin.broken(fallbackName, source, modules.isEmpty() ? "not a plugin jar (no module found)"
                        : "more than one module provides io.pipecat.cli.spi.CommandGroupProvider");
            }
            String moduleName = modules.iterator().next().descriptor().name();
            if (ModuleLayer.boot().findModule(moduleName).isPresent()) {
                return LoadedPlugin.broken(fallbackName, source,
                        "module " + moduleName + " is already part of the CLI");
            }
            ModuleLayer parent = ModuleLayer.boot();
            Configuration configuration = parent.configuration()
                    .resolveAndBind(finder, ModuleFinder.of(), Set.of(moduleName));
            ModuleLayer layer = parent.defineModulesWithOneLoader(configuration,
                    PluginDiscovery.class.getClassLoader());
            PluginExitGuard.layerDefined(layer, jar);
            List<ServiceLoader.Provider<CommandGroupProvider>> providers = providersIn(
                    ServiceLoader.load(layer, CommandGroupProvider.class)).stream()
                    .filter(p -> p.type().getModule().getLayer() == layer)
                    .toList();
            if (providers.isEmpty()) {
                return LoadedPlugin.broken(fallbackName, source, "module " + moduleName
                        + " provides no io.pipecat.cli.spi.CommandGroupProvider");
            }
            if (providers.size() > 1) {
                return LoadedPlugin.broken(fallbackName, source, "module " + moduleName
                        + " provides more than one io.pipecat.cli.spi.CommandGroupProvider");
            }
            return instantiate(providers.get(0), source, fallbackName);
        } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
            // FindException (unreadable jar, bad module-info), ResolutionException (missing
            // dependency), LayerInstantiationException, ServiceConfigurationError, …
            return LoadedPlugin.broken(fallbackName, source, describe(e));
        }
    }

    private static LoadedPlugin instantiate(ServiceLoader.Provider<CommandGroupProvider> candidate,
            PluginSource source, String fallbackName) {
        try {
            CommandGroupProvider provider = candidate.get();
            return LoadedPlugin.of(provider.name(), provider.version(), source, provider.groups());
        } catch (Throwable e) { // a plugin's failure of any kind costs only that plugin
            return LoadedPlugin.broken(fallbackName, source, "provider " + candidate.type().getName()
                    + " failed: " + describe(e));
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
