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
   * <p>Never modifies the file's bytes. If group or other users have access, its mode is reset to
   * 0600 and one warning line is emitted.
   *
   * @return the document, or an empty one if the file does not exist; never {@code null}
   * @throws ConfigFileException if the file is unreadable, not a regular file, a dangling
   *     symlink, not UTF-8, not TOML, or breaks the official CLI's rules
   */
  public TomlDocument read() {
    Target target = resolve();
    byte[] bytes = target.exists() ? readExisting(target.real()) : null;
    return bytes == null ? TomlDocument.empty() : interpret(bytes);
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
    Path target = resolve().real();
    try {
      FilePermissions.createDirectories(target.getParent());
      // Canonical once the folder exists, so every alias of the file shares one lock.
      target = target.getParent().toRealPath().resolve(target.getFileName());
    } catch (IOException e) {
      throw new ConfigFileException(ConfigMessages.unwritable(path, e), path, e);
    }
    try (ConfigFileLock lock = ConfigFileLock.acquire(target)) {
      return updateLocked(target, mutation, regenerate);
    } catch (IOException e) {
      throw new ConfigFileException(ConfigMessages.unwritable(path, e), path, e);
    }
  }

  private UpdateResult updateLocked(
      Path target, Consumer<TomlDocument> mutation, boolean regenerate) throws IOException {
    // Re-check under the lock: another writer may have created or replaced the file meanwhile.
    Target current = resolve();
    byte[] bytes = current.exists() ? readExisting(target) : null;
    TomlDocument doc = TomlDocument.empty();
    Optional<Path> backup = Optional.empty();
    if (bytes != null) {
      try {
        doc = interpret(bytes);
      } catch (ConfigFileException malformed) {
        if (!regenerate) {
          throw malformed;
        }
        backup = Optional.of(MalformedFileBackup.create(target, bytes, clock));
        doc = TomlDocument.empty();
      }
    }
    TomlDocument before = doc.copy();
    mutation.accept(doc);
    boolean unchanged = before.root().equals(doc.root());
    // Skipping no-op writes keeps the user's comments and formatting, and avoids creating files.
    if (backup.isEmpty() && unchanged && (bytes != null || doc.root().isEmpty())) {
      return new UpdateResult(doc, backup);
    }
    byte[] out = serialiseChecked(doc);
    AtomicFileWriter.cleanStaleTemps(target);
    AtomicFileWriter.write(target, out);
    return new UpdateResult(doc, backup);
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
          ConfigMessages.refuseToWrite(path, "it would have " + p.what().replaceFirst("^has ", "")
              + " (" + p.rule() + ")"),
          path);
    }
    String text = doc.toToml();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_SIZE) {
      throw new ConfigFileException(
          ConfigMessages.tooLargeToWrite(path, "over " + MAX_SIZE + " bytes"), path);
    }
    try {
      TomlDocument reparsed = TomlDocument.parse(text);
      if (!TomlValues.sameAsParsed(doc.root(), reparsed.root())) {
        throw new ConfigFileException(
            ConfigMessages.refuseToWrite(path, "the serialised TOML does not read back the same"),
            path);
      }
    } catch (TomlParseException e) {
      if (e.tooLarge()) {
        throw new ConfigFileException(ConfigMessages.tooLargeToWrite(path, e.detail()), path, e);
      }
      throw new ConfigFileException(
          ConfigMessages.refuseToWrite(path, "the serialised TOML is invalid (" + e.getMessage() + ")"),
          path, e);
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

  /** Reads the bytes of an existing regular file, repairing its permissions first. */
  private byte[] readExisting(Path real) {
    FilePermissions.repair(real, path, warnings);
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

  /** Decodes, parses and validates file content; any failure means the content is malformed. */
  private TomlDocument interpret(byte[] bytes) {
    String text;
    try {
      text = StrictUtf8.decode(bytes);
    } catch (StrictUtf8.InvalidUtf8Exception e) {
      throw new ConfigFileException(
          ConfigMessages.invalidUtf8(path, e.line, e.byteOffset), path, e);
    }
    TomlDocument doc;
    try {
      doc = TomlDocument.parse(text);
    } catch (TomlParseException e) {
      throw new ConfigFileException(ConfigMessages.invalidToml(path, e), path, e);
    }
    Optional<ConfigValidator.Problem> problem = ConfigValidator.check(doc);
    if (problem.isPresent()) {
      throw new ConfigFileException(ConfigMessages.ruleViolation(path, problem.get()), path);
    }
    return doc;
  }
}
