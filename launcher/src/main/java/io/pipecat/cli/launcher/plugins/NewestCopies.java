package io.pipecat.cli.launcher.plugins;

import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two copies of one plugin — the same module in two jars or folders, typically an upgrade dropped
 * in beside the old version — are not a clash: the newest is used and the others are marked
 * superseded, which {@code plugins list} shows and other commands do not warn about.
 *
 * <p>"Newest" compares, for each copy, the first version it has of: its module version, the Maven
 * version {@code plugins install} recorded in the folder's {@code plugins.json}, its jar manifest's
 * {@code Implementation-Version}, its provider's {@code version()} — in
 * {@link ModuleDescriptor.Version} order (so {@code 1.10} is newer than {@code 1.9}). Equal
 * versions: the copy found first (folder order of {@code PIPECAT_PLUGIN_PATH}, then file name) wins.
 */
final class NewestCopies {
    private NewestCopies() {}

    /** @return the plugins in the same order, older copies of a module marked superseded */
    static List<LoadedPlugin> choose(List<LoadedPlugin> plugins) {
        Map<String, List<Integer>> byModule = new LinkedHashMap<>();
        for (int i = 0; i < plugins.size(); i++) {
            LoadedPlugin plugin = plugins.get(i);
            if (plugin.problem().isEmpty()
                    && !plugin.details().module().isEmpty()
                    && !plugin.source().builtIn()) {
                byModule.computeIfAbsent(plugin.details().module(), m -> new ArrayList<>())
                        .add(i);
            }
        }
        List<LoadedPlugin> chosen = new ArrayList<>(plugins);
        Map<Path, InstallManifest> manifests = new HashMap<>();
        for (Map.Entry<String, List<Integer>> copies : byModule.entrySet()) {
            if (copies.getValue().size() < 2) {
                continue;
            }
            Map<Integer, String> versions = new HashMap<>();
            int newest = copies.getValue().get(0);
            for (int i : copies.getValue()) {
                versions.put(i, versionOf(plugins.get(i), manifests));
                if (compare(versions.get(i), versions.get(newest)) > 0) {
                    newest = i;
                }
            }
            LoadedPlugin used = plugins.get(newest);
            for (int i : copies.getValue()) {
                if (i == newest) {
                    continue;
                }
                String mine = versions.get(i);
                String theirs = versions.get(newest);
                chosen.set(
                        i,
                        plugins.get(i)
                                .superseded(
                                        compare(mine, theirs) == 0
                                                ? "not used: the same version (" + display(mine) + ") of module "
                                                        + copies.getKey() + " is used from " + used.source()
                                                : "not used: " + used.source() + " has a newer version ("
                                                        + display(theirs) + ") of module " + copies.getKey()
                                                        + " than this one (" + display(mine) + ")"));
            }
        }
        return chosen;
    }

    private static String display(String version) {
        return version.isEmpty() ? "unversioned" : version;
    }

    private static String versionOf(LoadedPlugin plugin, Map<Path, InstallManifest> manifests) {
        LoadedPlugin.Details details = plugin.details();
        if (!details.moduleVersion().isEmpty()) {
            return details.moduleVersion();
        }
        Optional<String> maven = plugin.source().entry().flatMap(entry -> {
            Path folder = entry.toAbsolutePath().normalize().getParent();
            InstallManifest manifest =
                    manifests.computeIfAbsent(folder, f -> InstallManifest.read(f.resolve(InstallManifest.FILE_NAME)));
            return manifest.lookup(entry).flatMap(InstallManifest.Installed::version);
        });
        if (maven.isPresent()) {
            return maven.get();
        }
        if (!details.implementationVersion().isEmpty()) {
            return details.implementationVersion();
        }
        return plugin.version().equals("unversioned") || plugin.version().equals("-") ? "" : plugin.version();
    }

    /** Version order; an unparseable version compares as text, and no version is older than any. */
    static int compare(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(!a.isEmpty(), !b.isEmpty());
        }
        try {
            return ModuleDescriptor.Version.parse(a).compareTo(ModuleDescriptor.Version.parse(b));
        } catch (IllegalArgumentException e) {
            return a.compareTo(b);
        }
    }
}
