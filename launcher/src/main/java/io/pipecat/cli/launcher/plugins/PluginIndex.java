package io.pipecat.cli.launcher.plugins;

import io.pipecat.cli.config.FileSettings;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.launcher.tree.ArgumentsSpec;
import io.pipecat.cli.launcher.tree.CommandSpec;
import io.pipecat.cli.launcher.tree.GroupSpec;
import io.pipecat.cli.launcher.tree.OptionSpec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What discovery learned about each third-party plugin (a jar, a folder of jars, a linked build
 * output), so that a later run need not open it: its plugin name and version, its module name,
 * plugin API and build versions, its problem (a broken jar still costs one stderr line per run, but no
 * re-reading), and the specs of its groups and commands with their class names — the specs the
 * command-spec processor generated into the jar at its build, copied here so that a later run
 * reads one small file instead of the jar.
 *
 * <p>One small binary file, {@code $XDG_CACHE_HOME/pipecat-cli/plugin-index} (default
 * {@code ~/.cache/pipecat-cli/}), written atomically (temp file + rename). An entry is valid for
 * a plugin with the same absolute path whose files have the same names, sizes and modification
 * times; {@code plugins list --refresh} and installs drop it all. The whole file is valid for one
 * CLI version and format. Anything unreadable — missing, corrupt, truncated, another version —
 * is ignored and rebuilt: the index is never an error.
 */
final class PluginIndex {
    private static final int MAGIC = 0x50435049; // "PCPI"
    // 3: the command specs come from the jar's generated META-INF/pipecat/commands/*.spec (format 1
    // read annotations, so a jar built without the processor, now skipped, must be read again), and
    // entries are checked for commands that place themselves elsewhere (an older "ok" is not trusted).
    // 4: plugins may be folders and links (a key is a path and a stamp of all its files), and an entry
    // keeps the module name, plugin API and build versions (an older entry never checked the API).
    // 5: arguments keep the values they take (completion offers them).
    private static final int FORMAT = 5;
    static final String FILE_NAME = "plugin-index";

    /**
     * The identity of a plugin: an entry is used only for the same path (the jar, folder or
     * {@code .link} file in the plugin folder) and the same stamp (the names, sizes and
     * modification times of its files; see {@link PluginFiles#key()}).
     */
    record Key(String path, String stamp) {
        /** @return a jar's key (its size and modification time), or empty when it cannot be read (it is then loaded directly) */
        static Optional<Key> of(Path jar) {
            try {
                Path absolute = jar.toAbsolutePath().normalize();
                BasicFileAttributes attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
                return Optional.of(new Key(
                        absolute.toString(),
                        attributes.size() + " " + attributes.lastModifiedTime().to(TimeUnit.MICROSECONDS)));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    /** What the index holds for one plugin. */
    record Entry(
            Key key,
            String name,
            String version,
            Optional<String> problem,
            List<GroupSpec> groups,
            LoadedPlugin.Details details) {}

    private final Path file;
    private final String cliVersion;
    private final Map<String, Entry> entries;
    private boolean dirty;

    private PluginIndex(Path file, String cliVersion, Map<String, Entry> entries) {
        this.file = file;
        this.cliVersion = cliVersion;
        this.entries = entries;
    }

    /** @return the index file for {@code env}: {@code $XDG_CACHE_HOME/pipecat-cli/plugin-index} or under {@code ~/.cache} */
    static Path location(Environment env) {
        Optional<String> xdg = env.get("XDG_CACHE_HOME")
                .filter(s -> !s.isBlank())
                .filter(s -> Path.of(s).isAbsolute());
        Path cache = xdg.map(Path::of).orElseGet(() -> FileSettings.home(env).resolve(".cache"));
        return cache.resolve("pipecat-cli").resolve(FILE_NAME);
    }

    /** Reads the index; an unusable file gives an empty index (rebuilt on {@link #save}). */
    static PluginIndex load(Path file, String cliVersion) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                if (in.readInt() == MAGIC
                        && in.readInt() == FORMAT
                        && readString(in).equals(cliVersion)) {
                    int count = in.readInt();
                    for (int i = 0; i < count; i++) {
                        Entry entry = readEntry(in);
                        entries.put(entry.key().path(), entry);
                    }
                    if (in.read() != -1) {
                        entries.clear(); // trailing bytes: not a file this code wrote
                    }
                }
            } catch (IOException | RuntimeException e) {
                entries.clear();
            }
        }
        return new PluginIndex(file, cliVersion, entries);
    }

    /** @return the entry for a jar with exactly this key */
    Optional<Entry> lookup(Key key) {
        Entry entry = entries.get(key.path());
        // Field by field, not Key.equals: a record's equals links through invokedynamic
        // (ObjectMethods), which the start-up cache cannot hold (spun on every run with plugins).
        return entry != null
                        && entry.key().path().equals(key.path())
                        && entry.key().stamp().equals(key.stamp())
                ? Optional.of(entry)
                : Optional.empty();
    }

    /** Records what loading a jar found out. */
    void put(Key key, LoadedPlugin plugin) {
        entries.put(
                key.path(),
                new Entry(key, plugin.name(), plugin.version(), plugin.problem(), plugin.groups(), plugin.details()));
        dirty = true;
    }

    /** Drops a plugin's entry (it failed to load although its key had not changed): the next run re-reads it. */
    void forget(Path entry) {
        if (entries.remove(entry.toAbsolutePath().normalize().toString()) != null) {
            dirty = true;
        }
    }

    /**
     * Forgets everything, so that the next discovery reads every plugin again — failures included:
     * a cause outside the plugin's own files (a library installed since, a plugin uninstalled that
     * clashed with it) changes no key.
     */
    static void forgetAll(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            // An index that cannot be deleted cannot be written either: corrupt it is not our worry.
        }
    }

    /**
     * Writes the index if anything changed, dropping entries of jars that no longer exist.
     *
     * @return whether it was written
     */
    boolean save() {
        if (!dirty) {
            return false;
        }
        entries.values().removeIf(e -> !Files.exists(Path.of(e.key().path())));
        Path temp = null;
        try {
            Files.createDirectories(file.getParent());
            temp = Files.createTempFile(file.getParent(), FILE_NAME + ".", ".tmp");
            try (OutputStream raw = Files.newOutputStream(temp);
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
                out.writeInt(MAGIC);
                out.writeInt(FORMAT);
                writeString(out, cliVersion);
                out.writeInt(entries.size());
                for (Entry entry : entries.values()) {
                    writeEntry(out, entry);
                }
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            dirty = false;
            return true;
        } catch (IOException | RuntimeException e) {
            // A cache that cannot be written only costs the next run its speed.
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
            return false;
        }
    }

    // ---- the format ---------------------------------------------------------------------------

    private static void writeEntry(DataOutputStream out, Entry entry) throws IOException {
        writeString(out, entry.key().path());
        writeString(out, entry.key().stamp());
        writeString(out, entry.name());
        writeString(out, entry.version());
        writeOptional(out, entry.problem());
        writeString(out, entry.details().module());
        out.writeInt(entry.details().apiVersion());
        writeString(out, entry.details().moduleVersion());
        writeString(out, entry.details().implementationVersion());
        out.writeInt(entry.groups().size());
        for (GroupSpec group : entry.groups()) {
            writeStrings(out, group.path());
            writeString(out, group.description());
            out.writeBoolean(group.defaultCommand().isPresent());
            if (group.defaultCommand().isPresent()) {
                writeCommand(out, group.defaultCommand().get());
            }
            out.writeInt(group.commands().size());
            for (CommandSpec command : group.commands()) {
                writeCommand(out, command);
            }
        }
    }

    private static Entry readEntry(DataInputStream in) throws IOException {
        Key key = new Key(readString(in), readString(in));
        String name = readString(in);
        String version = readString(in);
        Optional<String> problem = readOptional(in);
        LoadedPlugin.Details details =
                new LoadedPlugin.Details(readString(in), in.readInt(), readString(in), readString(in), false);
        int groupCount = count(in);
        List<GroupSpec> groups = new ArrayList<>(groupCount);
        for (int g = 0; g < groupCount; g++) {
            List<String> path = readStrings(in);
            String description = readString(in);
            Optional<CommandSpec> defaultCommand = in.readBoolean() ? Optional.of(readCommand(in)) : Optional.empty();
            int commandCount = count(in);
            List<CommandSpec> commands = new ArrayList<>(commandCount);
            for (int c = 0; c < commandCount; c++) {
                commands.add(readCommand(in));
            }
            groups.add(new GroupSpec(path, description, defaultCommand, commands));
        }
        return new Entry(key, name, version, problem, groups, details);
    }

    private static void writeCommand(DataOutputStream out, CommandSpec command) throws IOException {
        writeString(out, command.name());
        writeString(out, command.description());
        out.writeBoolean(command.hidden());
        writeString(out, command.className());
        out.writeInt(command.options().size());
        for (OptionSpec option : command.options()) {
            writeStrings(out, option.names());
            writeString(out, option.title());
            out.writeInt(option.arity());
            writeString(out, option.description());
            out.writeBoolean(option.hidden());
        }
        out.writeBoolean(command.arguments().isPresent());
        if (command.arguments().isPresent()) {
            ArgumentsSpec arguments = command.arguments().get();
            writeStrings(out, arguments.titles());
            writeString(out, arguments.description());
            out.writeBoolean(arguments.required());
            writeStrings(out, arguments.values());
        }
    }

    private static CommandSpec readCommand(DataInputStream in) throws IOException {
        String name = readString(in);
        String description = readString(in);
        boolean hidden = in.readBoolean();
        String className = readString(in);
        int optionCount = count(in);
        List<OptionSpec> options = new ArrayList<>(optionCount);
        for (int i = 0; i < optionCount; i++) {
            options.add(
                    new OptionSpec(readStrings(in), readString(in), in.readInt(), readString(in), in.readBoolean()));
        }
        Optional<ArgumentsSpec> arguments = in.readBoolean()
                ? Optional.of(new ArgumentsSpec(readStrings(in), readString(in), in.readBoolean(), readStrings(in)))
                : Optional.empty();
        return new CommandSpec(name, description, hidden, options, arguments, className);
    }

    private static void writeOptional(DataOutputStream out, Optional<String> value) throws IOException {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            writeString(out, value.get());
        }
    }

    private static Optional<String> readOptional(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(readString(in)) : Optional.empty();
    }

    private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            writeString(out, value);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int size = count(in);
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(readString(in));
        }
        return values;
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = count(in);
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException("truncated plugin index");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A count or length; a corrupt file must not make us allocate gigabytes. */
    private static int count(DataInputStream in) throws IOException {
        int value = in.readInt();
        if (value < 0 || value > 1 << 20) {
            throw new IOException("corrupt plugin index");
        }
        return value;
    }
}
