package io.pipecat.cli.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive lock around one config file's read-modify-write, across threads and processes.
 *
 * <p>Two layers, because {@link FileChannel#lock()} locks belong to the whole JVM: a second thread
 * asking for the same region gets {@code OverlappingFileLockException} instead of waiting. So
 * threads first queue on an in-process lock keyed by the file's real path, and only the holder
 * takes the OS lock that excludes other processes (including other pipecat invocations).
 *
 * <p>The OS lock is taken on a sibling {@code <name>.lock} file, not the config file itself: the
 * config file is replaced by rename on every write, so a lock on it would guard a stale inode. The
 * lock file is never deleted (deleting it would let two writers lock different inodes).
 */
final class ConfigFileLock implements AutoCloseable {

    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private ConfigFileLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** The lock file used for {@code realTarget}. */
    static Path lockFileFor(Path realTarget) {
        return realTarget.resolveSibling(realTarget.getFileName() + ".lock");
    }

    /**
     * Blocks until this thread holds the lock for {@code realTarget}.
     *
     * @param realTarget the config file's real path (symlinks resolved) so that all aliases of one
     *     file share one lock
     * @throws IllegalStateException if this thread already holds it (a nested update would deadlock)
     */
    static ConfigFileLock acquire(Path realTarget) throws IOException {
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(realTarget, p -> new ReentrantLock());
        if (threadLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("Nested update of the same config file is not supported");
        }
        threadLock.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(
                    lockFileFor(realTarget),
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                    FilePermissions.ownerOnlyFile());
            FileLock fileLock = channel.lock();
            return new ConfigFileLock(threadLock, channel, fileLock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            threadLock.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            fileLock.release();
        } finally {
            try {
                channel.close();
            } finally {
                threadLock.unlock();
            }
        }
    }
}
