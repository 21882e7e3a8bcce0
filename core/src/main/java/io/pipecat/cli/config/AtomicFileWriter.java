package io.pipecat.cli.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces a file so that readers (and a crash at any moment) see either the old or the new bytes,
 * never a mix: write a temp file in the same folder, fsync it, rename it over the target, fsync the
 * folder so the rename itself is durable.
 *
 * <p>Space can be {@linkplain #reserve reserved} first: the temp file is created and filled to a
 * size before a step that cannot be undone (a token refresh rotates the refresh token on the
 * server), so a full disk shows up while nothing is lost yet; the final write then overwrites that
 * file in place and truncates it to the content's size.
 *
 * <p>Temp files are named {@code .<name>.tmp-<pid>-<random>}: the PID lets a later writer remove
 * the leftovers of processes that died mid-write (SIGKILL), however fresh they are.
 *
 * <p>Callers must hold the {@link ConfigFileLock}; this class does no locking.
 */
final class AtomicFileWriter {

    /**
     * Test hook: milliseconds to sleep after the temp file is written and fsynced, before the
     * rename, so a test can kill the writer in the one window where both files exist.
     */
    static final String PAUSE_PROPERTY = "io.pipecat.cli.config.pauseBeforeRenameMillis";

    /**
     * A temp file whose writer's PID is alive (perhaps a reused PID) or unknown is still removed
     * once it is this old: a live write takes milliseconds.
     */
    static final Duration STALE_TEMP_AGE = Duration.ofMinutes(1);

    private static final long PID = ProcessHandle.current().pid();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern WITH_PID = Pattern.compile("(\\d{1,18})-[0-9a-z]+");
    private static final int CHUNK = 64 * 1024;

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
        try (Reservation reservation = reserve(target, 0)) {
            reservation.commit(bytes);
        }
    }

    /**
     * Creates this process's temp file for {@code target} and fills it with {@code size} bytes,
     * fsynced, so that a later {@link Reservation#commit} of up to that many bytes needs no new
     * space. Close the reservation to give the space back if it is not used.
     *
     * @throws IOException if the folder has no room (or no write access); nothing is left behind
     */
    static Reservation reserve(Path target, long size) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve(tempPrefix(target) + PID + "-" + Long.toUnsignedString(RANDOM.nextLong(), 36));
        // CREATE_NEW with a random name: two writers (or a leftover) never share a temp file, and
        // the 0600 mode applies from creation.
        InFlightTempFiles.create(temp);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(temp, StandardOpenOption.WRITE);
            if (size > 0) {
                ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(size, CHUNK));
                for (long left = size; left > 0; left -= zeros.limit()) {
                    zeros.clear().limit((int) Math.min(left, zeros.capacity()));
                    writeFully(channel, zeros);
                }
                channel.force(true); // the blocks are really allocated, not just promised by a cache
            }
            return new Reservation(target, temp, channel);
        } catch (IOException | RuntimeException e) {
            closeAndDelete(channel, temp, e);
            throw e;
        }
    }

    /** A sized temp file waiting to become the target. Not thread-safe. */
    static final class Reservation implements AutoCloseable {
        private final Path target;
        private final Path temp;
        private final FileChannel channel;
        private boolean done;

        private Reservation(Path target, Path temp, FileChannel channel) {
            this.target = target;
            this.temp = temp;
            this.channel = channel;
        }

        /** Writes {@code bytes} into the reserved file, fsyncs it and renames it over the target. */
        void commit(byte[] bytes) throws IOException {
            if (done) {
                throw new IllegalStateException("reservation already used");
            }
            done = true;
            Path dir = target.toAbsolutePath().getParent();
            try {
                channel.position(0);
                writeFully(channel, ByteBuffer.wrap(bytes));
                channel.truncate(bytes.length);
                channel.force(true); // data on disk before the rename makes it visible
                channel.close();
                pauseForTests();
                InFlightTempFiles.renameOver(temp, target);
            } catch (IOException | RuntimeException e) {
                closeAndDelete(channel, temp, e);
                throw e;
            }
            fsyncDirectory(dir);
        }

        /** Gives the space back when {@link #commit} was not called (or failed). */
        @Override
        public void close() throws IOException {
            if (!done) {
                done = true;
                channel.close();
                InFlightTempFiles.delete(temp);
            }
        }
    }

    /**
     * Deletes this target's temp files left by writers that are gone: any whose PID names no live
     * process, any in the older name format without a PID, and any older than {@link
     * #STALE_TEMP_AGE} (a PID may have been reused). Only called under the lock, so no other
     * process can be writing one of them; this process's in-flight temp files are kept. Best effort:
     * leftovers never affect correctness, only tidiness and space.
     */
    static void cleanStaleTemps(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        String prefix = tempPrefix(target);
        Instant cutoff = Instant.now().minus(STALE_TEMP_AGE);
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, prefix + "*")) {
            for (Path temp : temps) {
                try {
                    if (!InFlightTempFiles.isLive(temp)
                            && Files.isRegularFile(temp)
                            && isStale(temp, temp.getFileName().toString().substring(prefix.length()), cutoff)) {
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

    private static boolean isStale(Path temp, String suffix, Instant cutoff) throws IOException {
        OptionalLong pid = writerPid(suffix);
        if (pid.isEmpty()) {
            return true; // an older version's temp: its writer held this lock, so it is not writing
        }
        if (pid.getAsLong() == PID) {
            return true; // not in flight here (the caller checked): an earlier process with our PID
        }
        boolean alive =
                ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
        return !alive || Files.getLastModifiedTime(temp).toInstant().isBefore(cutoff);
    }

    /** The writer's PID from a temp name's suffix ({@code <pid>-<random>}), if it has one. */
    static OptionalLong writerPid(String suffix) {
        Matcher m = WITH_PID.matcher(suffix);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void closeAndDelete(FileChannel channel, Path temp, Exception failure) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException suppressed) {
            failure.addSuppressed(suppressed);
        }
        try {
            InFlightTempFiles.delete(temp);
        } catch (IOException suppressed) {
            failure.addSuppressed(suppressed);
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
