package io.pipecat.cli.launcher.plugins;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a plugin came from.
 *
 * @param kind     built in, a single jar, a folder of jars, or a build output linked in place
 * @param location where its modules are: the jar, the folder, or the linked build output (empty when built in)
 * @param entry    what names it in a plugin folder: the jar, the folder or the {@code .link} file (empty when built in)
 */
public record PluginSource(Kind kind, Optional<Path> location, Optional<Path> entry) {

    /** The kinds of plugin a plugin folder may hold, and the built-ins. */
    public enum Kind {
        BUILT_IN("built-in"),
        /** {@code <plugin folder>/<name>.jar}: one modular jar. */
        JAR("jar"),
        /** {@code <plugin folder>/<name>/}: the plugin's module jar and its libraries, one layer. */
        FOLDER("folder"),
        /** {@code <plugin folder>/<name>.link}: names a build output used in place. */
        LINKED("linked");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A plugin on the launcher's own module path. */
    public static final PluginSource BUILT_IN = new PluginSource(Kind.BUILT_IN, Optional.empty(), Optional.empty());

    public static PluginSource jar(Path path) {
        return new PluginSource(Kind.JAR, Optional.of(path), Optional.of(path));
    }

    public static PluginSource folder(Path path) {
        return new PluginSource(Kind.FOLDER, Optional.of(path), Optional.of(path));
    }

    /**
     * @param linkFile the {@code .link} file in the plugin folder
     * @param target   the build output it names
     */
    public static PluginSource linked(Path linkFile, Path target) {
        return new PluginSource(Kind.LINKED, Optional.of(target), Optional.of(linkFile));
    }

    /** @return whether the plugin is built in (its commands can never be replaced) */
    public boolean builtIn() {
        return kind == Kind.BUILT_IN;
    }

    /** @return the kind and the place, for {@code plugins list}: {@code folder /…/hello} */
    public String describe() {
        return switch (kind) {
            case BUILT_IN -> "built-in";
            case JAR, FOLDER -> kind.label() + " " + location.orElseThrow();
            case LINKED -> "linked " + location.orElseThrow() + " (" + entry.orElseThrow() + ")";
        };
    }

    /** @return the place (the plugin's jar, folder or linked build output), or {@code built-in}: used in warnings */
    @Override
    public String toString() {
        return location.map(Path::toString).orElse("built-in");
    }
}
