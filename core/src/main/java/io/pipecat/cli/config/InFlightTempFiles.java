package io.pipecat.cli.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The temp files this process is writing right now, deleted by a shutdown hook when the process
 * ends on SIGTERM or SIGINT (Ctrl-C) in the middle of a write: a temp file holds the new config,
 * tokens included, and must not outlive the write.
 *
 * <p>Creating a temp file, renaming it over its target and the hook's clean-up all hold one
 * monitor, so they cannot interleave: a temp file is either created and registered before the
 * hook runs (and then deleted by it), or refused once the hook has run. A rename after the hook
 * fails (the file is gone, the old config stays), which is harmless: the process is exiting.
 *
 * <p>What it cannot cover: SIGKILL, a power cut or {@link Runtime#halt} run no hook. Those temp
 * files carry the writer's PID in their name, and the next write removes them once that process
 * is gone (see {@link AtomicFileWriter#cleanStaleTemps}).
 */
final class InFlightTempFiles {

    private static final Object LOCK = new Object();
    private static final Set<Path> LIVE = new LinkedHashSet<>(); // guarded by LOCK
    private static boolean hookInstalled; // guarded by LOCK
    private static boolean shuttingDown; // guarded by LOCK

    private InFlightTempFiles() {}

    /**
     * Creates {@code temp} (mode 0600, failing if it exists) and registers it for clean-up.
     *
     * @throws IOException if it cannot be created, or the process is already shutting down
     */
    static void create(Path temp) throws IOException {
        synchronized (LOCK) {
            refuseWhenShuttingDown();
            installHook();
            Files.createFile(temp, FilePermissions.ownerOnlyFile());
            LIVE.add(temp);
        }
    }

    /**
     * Atomically renames {@code temp} over {@code target}; afterwards the temp is no longer ours to
     * delete.
     *
     * @throws IOException if the rename fails, or the shutdown hook already deleted the temp
     */
    static void renameOver(Path temp, Path target) throws IOException {
        synchronized (LOCK) {
            refuseWhenShuttingDown();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LIVE.remove(temp);
        }
    }

    /** Deletes {@code temp} if it still exists and forgets it. */
    static void delete(Path temp) throws IOException {
        synchronized (LOCK) {
            try {
                Files.deleteIfExists(temp);
            } finally {
                LIVE.remove(temp);
            }
        }
    }

    /** Whether {@code temp} is being written by this process. */
    static boolean isLive(Path temp) {
        synchronized (LOCK) {
            return LIVE.contains(temp);
        }
    }

    private static void refuseWhenShuttingDown() throws IOException {
        if (shuttingDown) {
            throw new IOException("the process is shutting down");
        }
    }

    private static void installHook() throws IOException {
        if (hookInstalled) {
            return;
        }
        try {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(InFlightTempFiles::deleteAll, "pipecat-config-temp-cleanup"));
            hookInstalled = true;
        } catch (IllegalStateException e) {
            shuttingDown = true; // too late to register: the JVM is already exiting
            throw new IOException("the process is shutting down", e);
        }
    }

    /** The shutdown hook: no temp file of ours survives the process. */
    private static void deleteAll() {
        synchronized (LOCK) {
            shuttingDown = true;
            for (Path temp : LIVE) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException | RuntimeException ignored) {
                    // nothing more can be done while exiting; the next write removes it (dead PID)
                }
            }
            LIVE.clear();
        }
    }
}
