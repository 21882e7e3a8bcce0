package io.pipecat.cli.launcher.plugins;

import com.github.rvesse.airline.Cli;
import com.github.rvesse.airline.builder.CliBuilder;
import com.github.rvesse.airline.builder.GroupBuilder;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Finds command-group plugins: built-ins with {@link ServiceLoader} on the boot layer, and every
 * {@code *.jar} of the plugin folders, each in a {@link ModuleLayer} of its own so that one
 * broken jar (garbage bytes, a missing dependency, a provider that throws) costs only itself.
 * What a jar holds is remembered in the {@link PluginIndex}: an unchanged jar is not opened
 * again until one of its commands runs. Order is deterministic: built-ins by name, then jars by
 * folder order and file name.
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
        LoadedPlugin plugin = validated(loadJar(jar));
        key.ifPresent(k -> index.put(k, plugin));
        return plugin;
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
                loaded[0] = loadJar(jar);
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
            builder.build();
            return plugin;
        } catch (RuntimeException | LinkageError e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return plugin.skipped("its commands cannot be read: " + message.replaceAll("\\s+", " "));
        }
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
            if (modules.size() != 1) {
                return LoadedPlugin.broken(fallbackName, source, "not a plugin jar (no module found)");
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
        } catch (RuntimeException | LinkageError e) {
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
        } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
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
