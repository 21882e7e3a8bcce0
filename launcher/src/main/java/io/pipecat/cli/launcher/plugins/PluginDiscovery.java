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
        List<LoadedPlugin> plugins = new ArrayList<>(builtIns());
        for (Path folder : pluginFolders(env)) {
            for (Path jar : jarsIn(folder)) {
                plugins.add(loadJar(jar));
            }
        }
        return plugins;
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
