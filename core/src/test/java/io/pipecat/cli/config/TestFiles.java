package io.pipecat.cli.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Small file-system helpers shared by the tests. */
final class TestFiles {

    static final String OFFICIAL_EXAMPLE = "token = \"eyJhbGciOi-SECRET-ACCESS\"\n"
            + "org = \"acme\"\n"
            + "refresh_token = \"v1.Mx-SECRET-REFRESH\"\n"
            + "token_expires_at = 1795950641.7305133\n"
            + "\n"
            + "[acme]\n"
            + "default_public_key = \"pk_123\"\n"
            + "default_public_key_name = \"Default key\"\n";

    private TestFiles() {}

    static Path write(Path file, String content, String mode) throws IOException {
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    static boolean runningAsRoot(Path anyExistingFile) throws IOException {
        // A file we just created is owned by our effective uid.
        return ((Integer) Files.getAttribute(anyExistingFile, "unix:uid")) == 0;
    }

    /** Collects warnings for assertions. */
    static final class Warnings implements Consumer<String> {
        final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void accept(String line) {
            lines.add(line);
        }
    }
}
