package io.pipecat.cli.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps a byte-for-byte copy of a malformed config file before it is regenerated, so nothing the
 * user had is lost. Backups are named {@code <name>.bak-<UTC timestamp>} and are never
 * overwritten; they hold credentials, so they are created 0600.
 */
final class MalformedFileBackup {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final int MAX_ATTEMPTS = 1000;

    private MalformedFileBackup() {}

    /** Writes {@code bytes} to a new backup beside {@code file} and returns the backup's path. */
    static Path create(Path file, byte[] bytes, Clock clock) throws IOException {
        String base = file.getFileName() + ".bak-" + STAMP.format(clock.instant());
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Path backup = file.resolveSibling(attempt == 1 ? base : base + "-" + attempt);
            try (FileChannel channel = FileChannel.open(
                    backup,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    FilePermissions.ownerOnlyFile())) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true); // the original is about to be replaced
                return backup;
            } catch (FileAlreadyExistsException e) {
                // an earlier backup from the same second: keep it, try the next name
            }
        }
        throw new IOException("too many backups named " + base + "*");
    }
}
