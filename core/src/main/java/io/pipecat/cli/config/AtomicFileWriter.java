package io.pipecat.cli.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * Replaces a file so that readers (and a crash at any moment) see either the old or the new bytes,
 * never a mix: write a temp file in the same folder, fsync it, rename it over the target, fsync the
 * folder so the rename itself is durable.
 *
 * <p>Callers must hold the {@link ConfigFileLock}; this class does no locking.
 */
final class AtomicFileWriter {

  /**
   * Test hook: milliseconds to sleep after the temp file is written and fsynced, before the
   * rename, so a test can kill the writer in the one window where both files exist.
   */
  static final String PAUSE_PROPERTY = "io.pipecat.cli.config.pauseBeforeRenameMillis";

  /** Temp files older than this are leftovers of a killed writer; live ones last milliseconds. */
  static final Duration STALE_TEMP_AGE = Duration.ofMinutes(1);

  private AtomicFileWriter() {}

  /** Prefix of temp files for {@code target}; hidden, and unique per target name. */
  static String tempPrefix(Path target) {
    return "." + target.getFileName() + ".tmp-";
  }

  /**
   * Atomically replaces {@code target} with {@code bytes}. The new file has mode 0600.
   *
   * @param target real path of the file (its folder must exist)
   */
  static void write(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    // createTempFile uses O_EXCL with a random name: two writers (or a leftover from a killed
    // one) can never share a temp file, and the 0600 mode applies from creation.
    Path temp = Files.createTempFile(dir, tempPrefix(target), "", FilePermissions.ownerOnlyFile());
    boolean renamed = false;
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true); // data on disk before the rename makes it visible
      }
      pauseForTests();
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      renamed = true;
      fsyncDirectory(dir);
    } finally {
      if (!renamed) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /**
   * Deletes this target's temp files older than {@link #STALE_TEMP_AGE} (left by writers killed
   * before their rename). Best effort: failures are ignored, since leftovers never affect
   * correctness, only tidiness.
   */
  static void cleanStaleTemps(Path target) {
    Path dir = target.toAbsolutePath().getParent();
    Instant cutoff = Instant.now().minus(STALE_TEMP_AGE);
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, tempPrefix(target) + "*")) {
      for (Path temp : temps) {
        try {
          if (Files.isRegularFile(temp)
              && Files.getLastModifiedTime(temp).toInstant().isBefore(cutoff)) {
            Files.deleteIfExists(temp);
          }
        } catch (IOException ignored) {
          // someone else removed it, or we may not; either way not our problem
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // the folder listing is optional housekeeping
    }
  }

  private static void pauseForTests() {
    Long millis = Long.getLong(PAUSE_PROPERTY);
    if (millis != null && millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Makes the rename durable; not every platform can open a folder, so failure is tolerated. */
  private static void fsyncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | RuntimeException ignored) {
      // e.g. Windows: directories cannot be opened; the rename is still atomic
    }
  }
}
