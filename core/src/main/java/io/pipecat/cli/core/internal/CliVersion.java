package io.pipecat.cli.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The CLI's version, from the build (Maven filters {@code version.properties}). */
public final class CliVersion {
    private static final String VERSION = load();

    private CliVersion() {}

    /** @return e.g. {@code 0.1.0-SNAPSHOT} */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = CliVersion.class.getResourceAsStream("/io/pipecat/cli/core/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
