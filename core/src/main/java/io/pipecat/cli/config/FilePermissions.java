package io.pipecat.cli.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Owner-only permissions for credential files (0600) and the folders we create for them (0700).
 * On file systems without POSIX permissions every method degrades to a no-op.
 */
final class FilePermissions {

    static final Set<PosixFilePermission> FILE_0600 = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIR_0700 = PosixFilePermissions.fromString("rwx------");

    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private FilePermissions() {}

    /**
     * Attributes for creating a file that is 0600 from its first instant (never briefly readable by
     * others, as chmod-after-create would allow).
     */
    static FileAttribute<?>[] ownerOnlyFile() {
        return POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_0600)}
                : new FileAttribute<?>[0];
    }

    /** Creates {@code dir} and any missing ancestors, each 0700; existing folders are untouched. */
    static void createDirectories(Path dir) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        while (!missing.isEmpty()) {
            Path p = missing.pop();
            try {
                if (POSIX) {
                    Files.createDirectory(p, PosixFilePermissions.asFileAttribute(DIR_0700));
                    // The umask may have removed bits from the create mode; 0700 is what we promise.
                    Files.setPosixFilePermissions(p, DIR_0700);
                } else {
                    Files.createDirectory(p);
                }
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(p)) {
                    throw e; // a file is in the way; another process creating the folder is fine
                }
            }
        }
    }

    /**
     * Removes group/other access from an existing credentials file (mode becomes 0600), reporting it
     * as exactly one warning line. Follows symlinks, so the target's mode is repaired.
     *
     * @param shown the path to name in the warning
     */
    static void repair(Path file, Path shown, Consumer<String> warnings) {
        if (!POSIX) {
            return;
        }
        Set<PosixFilePermission> current;
        try {
            current = Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            return; // reading the file will report the real problem
        }
        if (current.stream().noneMatch(GROUP_OR_OTHER::contains)) {
            return;
        }
        boolean wasReadable =
                current.contains(PosixFilePermission.GROUP_READ) || current.contains(PosixFilePermission.OTHERS_READ);
        try {
            Files.setPosixFilePermissions(file, FILE_0600);
            warnings.accept(ConfigMessages.permissionsRepaired(shown, wasReadable));
        } catch (IOException | SecurityException e) {
            warnings.accept(ConfigMessages.permissionsNotRepaired(shown, e));
        }
    }
}
