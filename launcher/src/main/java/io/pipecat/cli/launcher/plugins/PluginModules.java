package io.pipecat.cli.launcher.plugins;

import io.pipecat.cli.spi.CommandGroupProvider;
import io.pipecat.cli.spi.PluginApi;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * The modules a plugin's files hold, ready for a layer: its own module (the one that provides
 * {@link CommandGroupProvider}) and its libraries, and what the plugin module's jar says about it.
 *
 * <p>A library the CLI also has (commons-lang3, tomlj, …) may come in another version in a plugin's
 * folder: the plugin's layer defines its own copy, which only that plugin reads. The modules the
 * plugin API itself hands to plugins — {@code io.pipecat.cli.core} and what it re-exports
 * ({@code requires transitive}: airline, Jackson's databind) — are the exception: a plugin must
 * share the CLI's classes for those (its commands extend the CLI's {@code CliCommand}), and reading
 * two modules of one name would not resolve. So jars of those modules in a plugin folder (a build
 * that copied all its dependencies) are left out, and the CLI's are used.
 *
 * @param root    the plugin module
 * @param modules every module to offer the layer, by name
 * @param problem why the files hold no usable plugin (then {@code root} is null)
 */
record PluginModules(ModuleReference root, Map<String, ModuleReference> modules, Optional<String> problem) {

    private static final String SERVICE = CommandGroupProvider.class.getName();

    /** The plugin API's modules: core and, transitively, what it {@code requires transitive}. */
    private static final Set<String> API_MODULES = apiModules();

    static PluginModules of(PluginFiles files) {
        Map<String, ModuleReference> modules = new LinkedHashMap<>();
        Map<String, Path> from = new LinkedHashMap<>();
        for (Path path : files.modules()) {
            for (ModuleReference module : ModuleFinder.of(path).findAll()) {
                String name = module.descriptor().name();
                if (files.source().kind() != PluginSource.Kind.JAR && API_MODULES.contains(name)) {
                    continue;
                }
                if (modules.containsKey(name)) {
                    return failed("two files hold module " + name + ": "
                            + from.get(name).getFileName() + " and " + path.getFileName());
                }
                modules.put(name, module);
                from.put(name, path);
            }
        }
        if (modules.isEmpty()) {
            return failed(
                    files.source().kind() == PluginSource.Kind.JAR
                            ? "not a plugin jar (no module found)"
                            : "no module found in " + files.location());
        }
        if (files.source().kind() == PluginSource.Kind.JAR) {
            // One jar, one module: whether it provides the service is checked when its layer is defined.
            return new PluginModules(modules.values().iterator().next(), modules, Optional.empty());
        }
        List<ModuleReference> providers = modules.values().stream()
                .filter(m -> m.descriptor().provides().stream()
                        .anyMatch(p -> p.service().equals(SERVICE)))
                .toList();
        if (providers.size() != 1) {
            return failed(
                    providers.isEmpty()
                            ? "no module in " + files.location() + " provides " + SERVICE
                            : "more than one module in " + files.location() + " provides " + SERVICE + ": "
                                    + String.join(
                                            ", ",
                                            providers.stream()
                                                    .map(m -> m.descriptor().name())
                                                    .sorted()
                                                    .toList()));
        }
        return new PluginModules(providers.get(0), modules, Optional.empty());
    }

    private static PluginModules failed(String problem) {
        return new PluginModules(null, Map.of(), Optional.of(problem));
    }

    /** @return a finder of exactly these modules */
    ModuleFinder finder() {
        Set<ModuleReference> all = Set.copyOf(modules.values());
        return new ModuleFinder() {
            @Override
            public Optional<ModuleReference> find(String name) {
                return Optional.ofNullable(modules.get(name));
            }

            @Override
            public Set<ModuleReference> findAll() {
                return all;
            }
        };
    }

    /**
     * @return the plugin module's name, its plugin API (from its manifest, 1 when absent) and its
     *         versions; {@code apiVersion} is -1 when the manifest names no number
     */
    LoadedPlugin.Details details() {
        Optional<Manifest> manifest = manifest(root);
        Attributes attributes = manifest.map(Manifest::getMainAttributes).orElseGet(Attributes::new);
        String api = Optional.ofNullable(attributes.getValue(PluginApi.MANIFEST_ATTRIBUTE))
                .map(String::strip)
                .orElse("1");
        int apiVersion;
        try {
            apiVersion = Integer.parseInt(api);
        } catch (NumberFormatException e) {
            apiVersion = -1;
        }
        ModuleDescriptor descriptor = root.descriptor();
        return new LoadedPlugin.Details(
                descriptor.name(),
                apiVersion,
                descriptor.rawVersion().orElse(""),
                Optional.ofNullable(attributes.getValue(Attributes.Name.IMPLEMENTATION_VERSION))
                        .map(String::strip)
                        .orElse(""),
                false);
    }

    /** @return why a plugin with these details cannot run on this CLI's plugin API, naming both versions */
    static Optional<String> unsupportedApi(LoadedPlugin.Details details) {
        int api = details.apiVersion();
        if (api == PluginApi.MAJOR) {
            return Optional.empty();
        }
        if (api < 0) {
            return Optional.of("its manifest's " + PluginApi.MANIFEST_ATTRIBUTE + " is not a plugin API major version"
                    + " (a whole number; this pipecat supports plugin API " + PluginApi.MAJOR + ")");
        }
        return Optional.of(
                "it was built for plugin API " + api + ", but this pipecat supports plugin API " + PluginApi.MAJOR
                        + (api > PluginApi.MAJOR ? "; upgrade pipecat" : "; install a newer version of the plugin"));
    }

    private static Optional<Manifest> manifest(ModuleReference module) {
        try (ModuleReader reader = module.open()) {
            Optional<InputStream> in = reader.open("META-INF/MANIFEST.MF");
            if (in.isEmpty()) {
                return Optional.empty();
            }
            try (InputStream stream = in.get()) {
                return Optional.of(new Manifest(stream));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Set<String> apiModules() {
        Set<String> names = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(
                PluginApi.class.getModule().getName() == null
                        ? "io.pipecat.cli.core"
                        : PluginApi.class.getModule().getName()));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!names.add(name)) {
                continue;
            }
            ModuleLayer.boot()
                    .findModule(name)
                    .map(Module::getDescriptor)
                    .ifPresent(d -> d.requires().stream()
                            .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                            .forEach(r -> todo.push(r.name())));
        }
        return Set.copyOf(new ArrayList<>(names));
    }
}
