package io.pipecat.cli.launcher.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipecat.cli.errors.CliException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code plugins.json} in a plugin folder: what {@code plugins install} and {@code link} put
 * there, so that {@code upgrade} and {@code uninstall} know what they own. A jar or folder
 * without an entry was dropped in by hand: it loads all the same, and the installer never
 * touches it. Written atomically (a temporary file beside it, flushed, then renamed): a crash
 * leaves the old manifest or the new one.
 *
 * <pre>
 * {"plugins": [{"name": "hello", "source": "maven", "entry": "hello",
 *               "coordinates": "com.example:hello-plugin:1.2.0", "version": "1.2.0",
 *               "installedAt": "2026-11-30T10:00:00Z",
 *               "files": [{"path": "hello/hello-plugin-1.2.0.jar", "sha256": "…"}]}]}
 * </pre>
 */
public final class PluginsManifest {
    static final String FILE_NAME = "plugins.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Where an installed plugin came from. */
    public enum Kind {
        MAVEN,
        FOLDER,
        JAR,
        LINK;

        String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Optional<Kind> of(String text) {
            for (Kind kind : values()) {
                if (kind.json().equals(text)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** One owned file, relative to the plugin folder. */
    public record OwnedFile(String path, String sha256) {}

    /**
     * One installed plugin.
     *
     * @param name        the plugin's name (its provider's), what {@code uninstall} and {@code upgrade} take
     * @param kind        where it came from
     * @param entry       its entry in the plugin folder: {@code <name>/}, {@code <name>.jar} or {@code <name>.link}
     * @param origin      what it was installed from: the jar or folder's path, the coordinates as typed, the linked folder
     * @param coordinates {@code groupId:artifactId:version} when from Maven
     * @param version     the plugin's version
     * @param installedAt an ISO-8601 instant
     * @param files       every file it owns, with its SHA-256
     */
    public record Entry(
            String name,
            Kind kind,
            String entry,
            String origin,
            Optional<String> coordinates,
            String version,
            String installedAt,
            List<OwnedFile> files) {
        public Entry {
            files = List.copyOf(files);
        }

        /** @return {@code groupId:artifactId} of a Maven plugin */
        public Optional<String> module() {
            return coordinates.map(c -> c.substring(0, c.lastIndexOf(':')));
        }
    }

    private final Path file;
    private final List<Entry> entries;

    private PluginsManifest(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = new ArrayList<>(entries);
    }

    /** @throws CliException (exit 1) when the manifest is there but unreadable: nothing is changed then */
    public static PluginsManifest read(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        List<Entry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return new PluginsManifest(file, entries);
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            JsonNode list = root == null ? null : root.get("plugins");
            if (list == null || !list.isArray()) {
                throw new IOException("no \"plugins\" array");
            }
            for (JsonNode node : list) {
                List<OwnedFile> files = new ArrayList<>();
                node.path("files")
                        .forEach(f -> files.add(new OwnedFile(
                                f.path("path").asText(), f.path("sha256").asText())));
                Kind kind = Kind.of(node.path("source").asText())
                        .orElseThrow(() -> new IOException(
                                "unknown source \"" + node.path("source").asText() + "\""));
                String name = node.path("name").asText();
                String entry = node.path("entry").asText();
                if (name.isBlank() || entry.isBlank() || entry.contains("/") || entry.startsWith(".")) {
                    throw new IOException("an entry without a valid name or entry");
                }
                entries.add(new Entry(
                        name,
                        kind,
                        entry,
                        node.path("origin").asText(),
                        Optional.ofNullable(node.get("coordinates"))
                                .map(JsonNode::asText)
                                .filter(s -> !s.isBlank()),
                        node.path("version").asText(),
                        node.path("installedAt").asText(),
                        files));
            }
        } catch (IOException | RuntimeException e) {
            throw CliException.error(
                    "The plugin manifest " + file + " cannot be read (" + oneLine(e)
                            + "); fix or remove it (plugins stay loadable without it).",
                    e);
        }
        return new PluginsManifest(file, entries);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public Optional<Entry> find(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** @return the entry owning {@code folderEntry} (a file name in the plugin folder) */
    public Optional<Entry> owning(String folderEntry) {
        return entries.stream().filter(e -> e.entry().equals(folderEntry)).findFirst();
    }

    /** Replaces any entry of the same name or folder entry. */
    public PluginsManifest with(Entry entry) {
        entries.removeIf(e -> e.name().equals(entry.name()) || e.entry().equals(entry.entry()));
        entries.add(entry);
        entries.sort(java.util.Comparator.comparing(Entry::name));
        return this;
    }

    public PluginsManifest without(Entry entry) {
        entries.remove(entry);
        return this;
    }

    /** Writes the manifest: temp file, flushed to disk, renamed over the old one. */
    public void write() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("plugins");
        for (Entry entry : entries) {
            ObjectNode node = list.addObject();
            node.put("name", entry.name());
            node.put("source", entry.kind().json());
            node.put("entry", entry.entry());
            node.put("origin", entry.origin());
            entry.coordinates().ifPresent(c -> node.put("coordinates", c));
            node.put("version", entry.version());
            node.put("installedAt", entry.installedAt());
            ArrayNode files = node.putArray("files");
            for (OwnedFile owned : entry.files()) {
                files.addObject().put("path", owned.path()).put("sha256", owned.sha256());
            }
        }
        Path temp = Files.createTempFile(file.getParent(), "." + FILE_NAME + ".tmp-", "");
        try {
            try (FileChannel channel =
                    FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(root)));
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
