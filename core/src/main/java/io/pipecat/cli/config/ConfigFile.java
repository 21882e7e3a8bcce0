package io.pipecat.cli.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One credentials file on disk, shared with the official Python CLI.
 *
 * <p>{@link #read()} never changes the file's bytes. {@link #update} and {@link
 * #updateRegenerating} do a locked read-modify-write: concurrent updates from threads and from
 * other processes are serialised (none is lost), and the file is replaced atomically, so readers
 * and crashes see either the old or the new content.
 *
 * <p>Symlinks: a symlinked config file is followed for reading, and writing replaces the link's
 * target (the link stays a link, so dotfile managers keep working). Lock, temp and backup files
 * live beside the target.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ConfigFile {

    /**
     * Largest file read or written: 1 MiB. A real config is under 1 KB, so this leaves room for
     * thousands of organizations and a megabyte of comments, while bounding what a wrong or hostile
     * file costs: with the key count limit ({@link TomlReader#MAX_STRUCTURE}), a file at this size
     * is read and rewritten in about two seconds of CPU within a 192 MiB heap. A rewrite that would
     * grow past it is refused, so every file written can be read back.
     */
    static final long MAX_SIZE = 1024L * 1024;

    private final Path path;
    private final Consumer<String> warnings;
    private final Clock clock;

    /**
     * @param path the config file; need not exist; not {@code null}
     * @param warnings receives user-facing warnings, one line each (meant for stderr); not {@code
     *     null}; may be called from the thread that calls {@link #read()} or {@link #update}
     */
    public ConfigFile(Path path, Consumer<String> warnings) {
        this(path, warnings, Clock.systemUTC());
    }

    ConfigFile(Path path, Consumer<String> warnings, Clock clock) {
        this.path = Objects.requireNonNull(path, "path");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Returns the path given to the constructor. */
    public Path path() {
        return path;
    }

    /** Result of an update. {@code backup} is where a malformed file was copied, if it was. */
    public record UpdateResult(TomlDocument document, Optional<Path> backup) {}

    /**
     * Reads and validates the file without locking (writers replace it atomically, so a read never
     * sees a half-written file).
     *
     * <p>Never modifies the file's bytes. If group or other users have access to a file that is a
     * valid config, its mode is reset to 0600 and one warning line is emitted; a file that is not a
     * valid config is left exactly as it is, mode included (it may be some other file of the user's
     * that the path points at by mistake).
     *
     * @return the document, or an empty one if the file does not exist; never {@code null}
     * @throws MalformedConfigFileException if the file is not UTF-8, not TOML, or breaks the
     *     official CLI's rules (such a file can be backed up and replaced, see {@link
     *     #updateRegenerating})
     * @throws ConfigFileException if the file is unreadable, too large, not a regular file, or a
     *     dangling symlink
     */
    public TomlDocument read() {
        Target target = resolve();
        if (!target.exists()) {
            return TomlDocument.empty();
        }
        TomlDocument doc = interpret(readExisting(target.real()));
        FilePermissions.repair(target.real(), path, warnings);
        return doc;
    }

    /**
     * Locked read-modify-write: reads and validates the file, applies {@code mutation}, validates
     * the result and atomically replaces the file (mode 0600; missing folders are created 0700).
     * Nothing is written when the mutation changes no value.
     *
     * @param mutation edits the document in place; runs while the lock is held, so keep it short
     *     and do not call {@code update} on the same file from it. If it throws, nothing is written
     *     and the exception propagates.
     * @return the document as written
     * @throws ConfigFileException if the existing file is malformed or unreadable, the result would
     *     break the official CLI's rules, or the file cannot be written
     * @throws IllegalArgumentException if the mutation stored a value TOML cannot express
     */
    public TomlDocument update(Consumer<TomlDocument> mutation) {
        return doUpdate(mutation, false).document();
    }

    /**
     * Like {@link #update}, but a malformed existing file (not UTF-8, not TOML, or breaking the
     * rules) is first copied byte-for-byte to a new backup beside it ({@code
     * <name>.bak-20261129T110700Z}, never overwriting an existing backup) and then treated as
     * empty. Files that cannot be read at all (folders, dangling links, no permission) still fail.
     *
     * @return the written document and the backup's path, if one was made
     */
    public UpdateResult updateRegenerating(Consumer<TomlDocument> mutation) {
        return doUpdate(mutation, true);
    }

    private UpdateResult doUpdate(Consumer<TomlDocument> mutation, boolean regenerate) {
        Objects.requireNonNull(mutation, "mutation");
        return locked(regenerate, transaction -> {
            mutation.accept(transaction.document());
            return new UpdateResult(transaction.document(), transaction.backup);
        });
    }

    /**
     * The real path to lock and write, with missing folders created (0700). Canonical once the
     * folder exists, so every alias of the file shares one lock.
     */
    private Path lockTarget() {
        Path target = resolve().real();
        try {
            FilePermissions.createDirectories(target.getParent());
            return target.getParent().toRealPath().resolve(target.getFileName());
        } catch (IOException e) {
            throw new ConfigFileException(ConfigMessages.unwritable(path, e), path, e);
        }
    }

    /**
     * The one locked read-modify-write: under the lock, reads and validates the file (a valid one
     * gets its permissions repaired; a malformed one, when {@code regenerate}, is backed up and
     * salvaged), runs {@code body}, then writes the document if it changed (or a backup was made).
     */
    private <T> T locked(boolean regenerate, Function<Transaction, T> body) {
        Path target = lockTarget();
        try (ConfigFileLock lock = ConfigFileLock.acquire(target)) {
            // Re-check under the lock: another writer may have created or replaced the file meanwhile.
            Target current = resolve();
            byte[] bytes = current.exists() ? readExisting(target) : null;
            TomlDocument doc = TomlDocument.empty();
            Optional<Path> backup = Optional.empty();
            if (bytes != null) {
                try {
                    doc = interpret(bytes);
                    FilePermissions.repair(target, path, warnings); // only a file that is a config
                } catch (MalformedConfigFileException malformed) {
                    if (!regenerate) {
                        throw malformed;
                    }
                    backup = Optional.of(MalformedFileBackup.create(target, bytes, clock));
                    doc = salvage(bytes);
                }
            }
            try (Transaction transaction = new Transaction(target, doc, bytes != null, backup)) {
                T result = body.apply(transaction);
                transaction.commit();
                return result;
            }
        } catch (IOException e) {
            throw new ConfigFileException(ConfigMessages.unwritable(path, e), path, e);
        }
    }

    /**
     * What a regenerated file keeps of a malformed one: when the text is UTF-8 TOML that only breaks
     * the official CLI's rule (e.g. {@code token = 12345}, an unknown top-level value), everything but
     * the offending top-level entries, so the organisation tables survive; otherwise nothing (the
     * backup holds the old bytes either way).
     */
    private static TomlDocument salvage(byte[] bytes) {
        try {
            TomlDocument doc = TomlDocument.parse(StrictUtf8.decode(bytes));
            ConfigValidator.removeViolations(doc);
            return ConfigValidator.check(doc).isEmpty() ? doc : TomlDocument.empty();
        } catch (StrictUtf8.InvalidUtf8Exception | TomlParseException unreadable) {
            return TomlDocument.empty();
        }
    }

    /**
     * Skipping no-op writes keeps the user's comments and formatting, and avoids creating files.
     */
    private static boolean isNoOp(TomlDocument before, TomlDocument after, boolean fileExists) {
        return before.root().equals(after.root()) && (fileExists || after.root().isEmpty());
    }

    /**
     * Space kept free in a {@linkplain Transaction#reserveWrite() reservation} beyond the current
     * content: room for new tokens (a few KiB even for large JWTs), with plenty to spare.
     */
    static final long RESERVE_MARGIN = 64 * 1024;

    /**
     * A locked read-decide-write for a step that cannot be undone, such as a token refresh that
     * rotates the refresh token on the server. While the lock is held (other processes wait),
     * {@code body} sees the file's current content, may {@linkplain Transaction#reserveWrite()
     * reserve} the space for the write before that step, and edits the document; when it returns,
     * the document is written (if it changed) into the reserved space.
     *
     * @param body runs under the lock; if it throws, nothing is written and the reservation is
     *     given back
     * @return what {@code body} returned
     * @throws ConfigFileException if the file is malformed or unreadable, the space cannot be
     *     reserved, or the file cannot be written
     */
    public <T> T transact(Function<Transaction, T> body) {
        Objects.requireNonNull(body, "body");
        return locked(false, body);
    }

    /**
     * Proves that the file can be written now, without changing it: a temp file the size of the
     * current content plus {@link #RESERVE_MARGIN} is created beside it, fsynced and deleted. For
     * commands that obtain tokens before they store them (login, use-pat).
     *
     * @throws ConfigFileException naming the file and the cause (e.g. no space left on device)
     */
    public void checkWritable() {
        Path target = lockTarget();
        long size;
        try {
            size = Files.isRegularFile(target) ? Files.size(target) : 0;
        } catch (IOException e) {
            size = 0; // the write would fail on its own; only the size estimate is lost here
        }
        try (AtomicFileWriter.Reservation probe = AtomicFileWriter.reserve(target, size + RESERVE_MARGIN)) {
            // given back on close
        } catch (IOException e) {
            throw new ConfigFileException(ConfigMessages.cannotReserve(path, e), path, e);
        }
    }

    /**
     * The state of one {@link #transact} call: the document read under the lock, and the
     * reservation once made. Used only by the thread running the body.
     */
    public final class Transaction implements AutoCloseable {
        private final Path target;
        private final TomlDocument document;
        private final TomlDocument before;
        private final boolean fileExists;
        /** Where a malformed file was copied before it is replaced; a backup always means a write. */
        private final Optional<Path> backup;

        private AtomicFileWriter.Reservation reservation;

        private Transaction(Path target, TomlDocument document, boolean fileExists, Optional<Path> backup) {
            this.target = target;
            this.document = document;
            this.before = document.copy();
            this.fileExists = fileExists;
            this.backup = backup;
        }

        /** @return the file's content as read under the lock; edits are written when the body returns */
        public TomlDocument document() {
            return document;
        }

        /**
         * Reserves room for the write: the serialised document plus {@link #RESERVE_MARGIN}, in a
         * temp file beside the config, fsynced. Leftover temp files of dead writers are removed
         * first, so their space counts. Calling it again does nothing.
         *
         * @throws ConfigFileException naming the file and the cause (e.g. no space left on device);
         *     nothing was changed
         */
        public void reserveWrite() {
            if (reservation != null) {
                return;
            }
            AtomicFileWriter.cleanStaleTemps(target);
            long size = document.toToml().getBytes(StandardCharsets.UTF_8).length + RESERVE_MARGIN;
            try {
                reservation = AtomicFileWriter.reserve(target, size);
            } catch (IOException e) {
                throw new ConfigFileException(ConfigMessages.cannotReserve(path, e), path, e);
            }
        }

        private void commit() throws IOException {
            if (backup.isEmpty() && isNoOp(before, document, fileExists)) {
                return;
            }
            byte[] out = serialiseChecked(document);
            AtomicFileWriter.cleanStaleTemps(target);
            if (reservation != null) {
                reservation.commit(out);
            } else {
                AtomicFileWriter.write(target, out);
            }
        }

        @Override
        public void close() throws IOException {
            if (reservation != null) {
                reservation.close();
            }
        }
    }

    /**
     * Serialises and proves the output is something both tomlj and the official CLI accept, and
     * that this CLI can read again (not over {@link #MAX_SIZE}).
     */
    private byte[] serialiseChecked(TomlDocument doc) {
        Optional<ConfigValidator.Problem> problem = ConfigValidator.check(doc);
        if (problem.isPresent()) {
            ConfigValidator.Problem p = problem.get();
            throw new ConfigFileException(
                    ConfigMessages.refuseToWrite(
                            path, "it would have " + p.what().replaceFirst("^has ", "") + " (" + p.rule() + ")"),
                    path);
        }
        String text = doc.toToml();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_SIZE) {
            throw new ConfigFileException(ConfigMessages.tooLargeToWrite(path, "over " + MAX_SIZE + " bytes"), path);
        }
        try {
            TomlDocument reparsed = TomlDocument.parse(text);
            if (!TomlValues.sameAsParsed(doc.root(), reparsed.root())) {
                throw new ConfigFileException(
                        ConfigMessages.refuseToWrite(path, "the serialised TOML does not read back the same"), path);
            }
        } catch (TomlParseException e) {
            if (e.tooLarge()) {
                throw new ConfigFileException(ConfigMessages.tooLargeToWrite(path, e.detail()), path, e);
            }
            throw new ConfigFileException(
                    ConfigMessages.refuseToWrite(path, "the serialised TOML is invalid (" + e.getMessage() + ")"),
                    path,
                    e);
        }
        return bytes;
    }

    private record Target(Path real, boolean exists) {}

    /** Resolves symlinks and classifies the path, without reading content. */
    private Target resolve() {
        BasicFileAttributes own;
        try {
            own = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return new Target(realPathOfMissing(), false);
        } catch (IOException e) {
            throw new ConfigFileException(ConfigMessages.unreadable(path, e), path, e);
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            if (own.isSymbolicLink()) {
                throw new ConfigFileException(ConfigMessages.danglingSymlink(path), path, e);
            }
            return new Target(realPathOfMissing(), false); // deleted just now
        } catch (IOException e) {
            throw new ConfigFileException(ConfigMessages.unreadable(path, e), path, e);
        }
        if (Files.isDirectory(real)) {
            throw new ConfigFileException(ConfigMessages.directory(path), path);
        }
        if (!Files.isRegularFile(real)) {
            throw new ConfigFileException(ConfigMessages.notRegular(path), path);
        }
        return new Target(real, true);
    }

    private Path realPathOfMissing() {
        Path absolute = path.toAbsolutePath();
        Path parent = absolute.getParent();
        try {
            return parent.toRealPath().resolve(absolute.getFileName());
        } catch (NoSuchFileException e) {
            return absolute; // folders will be created on write
        } catch (IOException e) {
            throw new ConfigFileException(ConfigMessages.unreadable(path, e), path, e);
        }
    }

    /**
     * Reads the bytes of an existing regular file. Its permissions are repaired by the caller, and
     * only once the bytes proved to be a config: a read-only command must never change a file that
     * is not one.
     */
    private byte[] readExisting(Path real) {
        try (InputStream in = Files.newInputStream(real)) {
            byte[] bytes = in.readNBytes((int) MAX_SIZE + 1);
            if (bytes.length > MAX_SIZE) {
                throw new ConfigFileException(ConfigMessages.tooLarge(path, MAX_SIZE), path);
            }
            return bytes;
        } catch (IOException e) {
            throw new ConfigFileException(ConfigMessages.unreadable(path, e), path, e);
        }
    }

    /**
     * Decodes, parses and validates file content.
     *
     * @throws MalformedConfigFileException on any failure: the content is not a config
     */
    private TomlDocument interpret(byte[] bytes) {
        String text;
        try {
            text = StrictUtf8.decode(bytes);
        } catch (StrictUtf8.InvalidUtf8Exception e) {
            throw new MalformedConfigFileException(ConfigMessages.invalidUtf8(path, e.line, e.byteOffset), path, e);
        }
        TomlDocument doc;
        try {
            doc = TomlDocument.parse(text);
        } catch (TomlParseException e) {
            if (e.tooLarge()) {
                // Like a file over MAX_SIZE: not a config someone broke by hand, so not replaced either.
                throw new ConfigFileException(ConfigMessages.tooManyItems(path, e), path, e);
            }
            throw new MalformedConfigFileException(ConfigMessages.invalidToml(path, e), path, e);
        }
        Optional<ConfigValidator.Problem> problem = ConfigValidator.check(doc);
        if (problem.isPresent()) {
            throw new MalformedConfigFileException(ConfigMessages.ruleViolation(path, problem.get()), path, null);
        }
        return doc;
    }
}
