package io.pipecat.cli.launcher.plugins;

import io.pipecat.cli.config.Settings;
import io.pipecat.cli.context.Environment;
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
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds command-group plugins: built-ins with {@link ServiceLoader} on the boot layer, and every
 * {@code *.jar} of the plugin folders, each in a {@link ModuleLayer} of its own so that one
 * broken jar (garbage bytes, a missing dependency, a provider that throws) costs only itself.
 * Order is deterministic: built-ins by name, then jars by folder order and file name.
 */
public final class PluginDiscovery {
    /** The plugin folders' environment variable (a path-separator list). */
    public static final String PLUGIN_PATH_VARIABLE = "PIPECAT_PLUGIN_PATH";

    private PluginDiscovery() {
    }

    /** @return the built-in plugins, then the third-party ones of the folders {@code env} names */
    public static List<LoadedPlugin> discover(Environment env) {
        boolean trace = env.get(TRACE_VARIABLE).isPresent();
        long t0 = System.nanoTime();
        List<LoadedPlugin> plugins = new ArrayList<>(builtIns());
        long t1 = System.nanoTime();
        List<Path> jars = new ArrayList<>();
        for (Path folder : pluginFolders(env)) {
            jars.addAll(jarsIn(folder));
        }
        plugins.addAll(loadJars(jars));
        if (trace) {
            long t2 = System.nanoTime();
            System.err.printf("pipecat-trace: built-ins %.1f ms; %d plugin jars %.1f ms%n",
                    (t1 - t0) / 1e6, jars.size(), (t2 - t1) / 1e6);
        }
        return plugins;
    }

    /** Set (to anything) to print discovery timings on stderr: {@value}. */
    public static final String TRACE_VARIABLE = "PIPECAT_TRACE_STARTUP";


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

    /**
     * Loads third-party jars, in order. Fast path (measured: per-jar layers cost ~6 ms a jar on a
     * cold JVM, most of it resolving, defining and service-loading one layer at a time): ONE
     * configuration and ONE layer for all the plugin modules, each module with its own class
     * loader ({@link ModuleLayer#defineModulesWithManyLoaders}), so classes stay isolated as before.
     * It is taken only when it cannot change the outcome: every jar holds exactly one module, no
     * name is repeated or already in the CLI, and no plugin module reads another plugin module.
     * Anything else — and any failure of the fast path — falls back to one layer per jar
     * ({@link #loadJar}), which isolates a broken jar to one stderr line.
     */
    static List<LoadedPlugin> loadJars(List<Path> jars) {
        if (jars.size() < 2) {
            return jars.stream().map(PluginDiscovery::loadJar).toList();
        }
        try {
            List<LoadedPlugin> fast = loadTogether(jars);
            if (fast != null) {
                return fast;
            }
        } catch (RuntimeException | LinkageError e) {
            // fall through: the per-jar path reports each jar's own problem
        }
        return jars.stream().map(PluginDiscovery::loadJar).toList();
    }

    /**
     * @return the plugins loaded in one layer (jars that are not exactly one readable module go
     *         through {@link #loadJar} alone), or {@code null} when the per-jar path must decide
     */
    private static List<LoadedPlugin> loadTogether(List<Path> jars) {
        List<LoadedPlugin> plugins = new ArrayList<>(java.util.Collections.nCopies(jars.size(), null));
        List<ModuleFinder> finders = new ArrayList<>();
        java.util.Map<String, Integer> indexOf = new java.util.HashMap<>();
        for (int i = 0; i < jars.size(); i++) {
            Path jar = jars.get(i);
            ModuleFinder finder = ModuleFinder.of(jar);
            Set<ModuleReference> modules;
            try {
                modules = finder.findAll();
            } catch (RuntimeException e) {
                plugins.set(i, loadJar(jar)); // unreadable: reported on its own
                continue;
            }
            if (modules.size() != 1) {
                plugins.set(i, loadJar(jar));
                continue;
            }
            String name = modules.iterator().next().descriptor().name();
            if (indexOf.putIfAbsent(name, i) != null || ModuleLayer.boot().findModule(name).isPresent()) {
                return null;
            }
            finders.add(finder);
        }
        if (finders.isEmpty()) {
            return plugins;
        }
        ModuleLayer parent = ModuleLayer.boot();
        Configuration configuration = parent.configuration().resolveAndBind(
                ModuleFinder.compose(finders.toArray(ModuleFinder[]::new)), ModuleFinder.of(), indexOf.keySet());
        for (java.lang.module.ResolvedModule module : configuration.modules()) {
            for (java.lang.module.ResolvedModule read : module.reads()) {
                if (read.configuration() == configuration && read != module) {
                    return null; // a plugin needing another plugin: alone, it would not resolve
                }
            }
        }
        ModuleLayer layer = parent.defineModulesWithManyLoaders(configuration, PluginDiscovery.class.getClassLoader());
        java.util.Map<String, List<ServiceLoader.Provider<CommandGroupProvider>>> byModule = new java.util.HashMap<>();
        for (ServiceLoader.Provider<CommandGroupProvider> p : providersIn(ServiceLoader.load(layer, CommandGroupProvider.class))) {
            if (p.type().getModule().getLayer() == layer) {
                byModule.computeIfAbsent(p.type().getModule().getName(), k -> new ArrayList<>()).add(p);
            }
        }
        for (java.util.Map.Entry<String, Integer> entry : new java.util.TreeMap<>(indexOf).entrySet()) {
            String moduleName = entry.getKey();
            int i = entry.getValue();
            Path jar = jars.get(i);
            PluginSource source = PluginSource.jar(jar);
            String fallbackName = jar.getFileName().toString();
            List<ServiceLoader.Provider<CommandGroupProvider>> providers = byModule.getOrDefault(moduleName, List.of());
            if (providers.isEmpty()) {
                plugins.set(i, LoadedPlugin.broken(fallbackName, source, "module " + moduleName
                        + " provides no io.pipecat.cli.spi.CommandGroupProvider"));
            } else if (providers.size() > 1) {
                plugins.set(i, LoadedPlugin.broken(fallbackName, source, "module " + moduleName
                        + " provides more than one io.pipecat.cli.spi.CommandGroupProvider"));
            } else {
                plugins.set(i, instantiate(providers.get(0), source, fallbackName));
            }
        }
        return plugins;
    }

    /** Loads one third-party jar in its own layer; every failure becomes the plugin's problem. */
    static LoadedPlugin loadJar(Path jar) {
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
            return new LoadedPlugin(provider.name(), provider.version(), source, provider.groups(), Optional.empty());
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
