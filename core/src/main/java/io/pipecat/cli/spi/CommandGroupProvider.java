package io.pipecat.cli.spi;

import java.util.List;

/**
 * The service a plugin provides ({@code provides io.pipecat.cli.spi.CommandGroupProvider with …}
 * in its {@code module-info}). It is a named factory: the launcher lists plugins by
 * {@link #name()} and asks for {@link #groups()} only to build the command tree.
 *
 * <p>Implementations need a public no-argument constructor (or a public static
 * {@code provider()} method) that does no work; {@link #groups()} must be cheap too — return
 * classes, do no I/O — because it runs on every start of the CLI for built-in plugins (for a
 * third-party jar, whenever the jar is new or changed, and before one of its commands runs). Do real work in
 * {@link CliCommand#run}.
 */
public interface CommandGroupProvider {

    /** @return a short, unique plugin name, e.g. {@code "auth"}; shown by {@code pipecat plugins list} */
    String name();

    /** @return the plugin's version; defaults to the module's version, else {@code "unversioned"} */
    default String version() {
        return getClass().getModule().getDescriptor() == null
                ? "unversioned"
                : getClass().getModule().getDescriptor().rawVersion().orElse("unversioned");
    }

    /** @return the groups and commands this plugin adds, in display order */
    List<CommandGroup> groups();
}
