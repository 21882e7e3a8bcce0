package io.pipecat.cli.launcher.plugins;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a plugin came from.
 *
 * @param jar the third-party jar, or empty for a built-in plugin on the launcher's module path
 */
public record PluginSource(Optional<Path> jar) {

    /** A plugin on the launcher's own module path. */
    public static final PluginSource BUILT_IN = new PluginSource(Optional.empty());

    public static PluginSource jar(Path path) {
        return new PluginSource(Optional.of(path));
    }

    /** @return whether the plugin is built in (its commands can never be replaced) */
    public boolean builtIn() {
        return jar.isEmpty();
    }

    @Override
    public String toString() {
        return jar.map(Path::toString).orElse("built-in");
    }
}
