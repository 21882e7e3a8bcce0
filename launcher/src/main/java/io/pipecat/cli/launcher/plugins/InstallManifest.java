package io.pipecat.cli.launcher.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code pipecat plugins install} recorded in a plugin folder's {@code plugins.json}, as far
 * as loading cares: for each installed plugin its Maven coordinates and version, and the files it
 * owns. The loader reads it only to show where a plugin came from and to tell two copies of a
 * plugin apart by their Maven versions — never to decide whether a plugin loads: a jar or folder
 * without an entry (dropped in by hand) loads the same. A missing or unreadable manifest is empty.
 *
 * <p>Read leniently: the entries may be an array, under {@code "plugins"} (array or object keyed
 * by name); an entry is matched to a plugin by its {@code name} (the folder entry's file name, with
 * or without {@code .jar}/{@code .link}) or by its {@code files}' first path segment.
 */
public final class InstallManifest {
    static final String FILE_NAME = "plugins.json";
    /** A manifest bigger than this is not one the installer wrote. */
    private static final long SIZE_LIMIT = 4 << 20;

    /** One installed plugin. */
    record Installed(String name, Optional<String> coordinates, Optional<String> version, List<String> files) {
        boolean names(Path entry) {
            String file = entry.getFileName().toString();
            String bare = file.replaceFirst("\\.(jar|link)$", "");
            if (name.equals(file) || name.equals(bare)) {
                return true;
            }
            return files.stream()
                    .map(f -> f.replace('\\', '/').split("/", 2)[0])
                    .anyMatch(file::equals);
        }
    }

    private final List<Installed> entries;

    private InstallManifest(List<Installed> entries) {
        this.entries = entries;
    }

    /** @return the manifest of the plugin folder holding {@code entry} */
    static InstallManifest besides(Path entry) {
        Path folder = entry.toAbsolutePath().normalize().getParent();
        return folder == null ? new InstallManifest(List.of()) : read(folder.resolve(FILE_NAME));
    }

    static InstallManifest read(Path file) {
        List<Installed> entries = new ArrayList<>();
        try {
            if (Files.isRegularFile(file) && Files.size(file) <= SIZE_LIMIT) {
                JsonNode root = new ObjectMapper().readTree(file.toFile());
                JsonNode list = root.has("plugins") ? root.get("plugins") : root;
                if (list.isArray()) {
                    list.forEach(e -> entry(e, null).ifPresent(entries::add));
                } else if (list.isObject()) {
                    for (Map.Entry<String, JsonNode> named : (Iterable<Map.Entry<String, JsonNode>>) list::fields) {
                        entry(named.getValue(), named.getKey()).ifPresent(entries::add);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            entries.clear();
        }
        return new InstallManifest(List.copyOf(entries));
    }

    private static Optional<Installed> entry(JsonNode node, String key) {
        if (!node.isObject()) {
            return Optional.empty();
        }
        String name = text(node, "name").orElse(key == null ? "" : key);
        Optional<String> coordinates = text(node, "coordinates");
        if (coordinates.isEmpty() && node.has("groupId") && node.has("artifactId")) {
            coordinates = Optional.of(
                    node.get("groupId").asText() + ":" + node.get("artifactId").asText()
                            + text(node, "version").map(v -> ":" + v).orElse(""));
        }
        List<String> files = new ArrayList<>();
        JsonNode fileNodes = node.get("files");
        if (fileNodes != null && fileNodes.isArray()) {
            fileNodes.forEach(f -> (f.isObject() ? text(f, "path").or(() -> text(f, "file")) : Optional.of(f.asText()))
                    .filter(s -> !s.isBlank())
                    .ifPresent(files::add));
        } else if (fileNodes != null && fileNodes.isObject()) {
            fileNodes.fieldNames().forEachRemaining(files::add);
        }
        return Optional.of(new Installed(name, coordinates.filter(s -> !s.isBlank()), text(node, "version"), files));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isValueNode() && !value.asText().isBlank()
                ? Optional.of(value.asText())
                : Optional.empty();
    }

    /**
     * @return the Maven coordinates {@code plugins install} recorded for the plugin, when it was
     *         installed from a Maven repository
     */
    public static Optional<String> coordinatesOf(PluginSource source) {
        return source.entry().flatMap(entry -> besides(entry).lookup(entry)).flatMap(Installed::coordinates);
    }

    /** @return what the installer recorded for the plugin at {@code entry} (a jar, folder or {@code .link} file) */
    Optional<Installed> lookup(Path entry) {
        return entries.stream().filter(e -> e.names(entry)).findFirst();
    }
}
