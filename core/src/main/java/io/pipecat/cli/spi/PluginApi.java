package io.pipecat.cli.spi;

/**
 * The version of the plugin API — this package and the other packages a plugin compiles against —
 * that this {@code pipecat-core} offers.
 *
 * <p>A plugin declares the API major version it was built for in its module jar's manifest:
 * <pre>{@code Pipecat-Plugin-Api: 1}</pre>
 * A jar without the attribute counts as API 1. The launcher skips a plugin built for a major
 * version it does not support, with one line naming both versions, instead of letting it fail
 * later with a linkage error. The major number changes only when a change to the API would break
 * plugins compiled against the previous one.
 */
public final class PluginApi {
    /** The plugin API major version this CLI supports. */
    public static final int MAJOR = 1;

    /** The manifest attribute of a plugin's module jar that names the API major it was built for. */
    public static final String MANIFEST_ATTRIBUTE = "Pipecat-Plugin-Api";

    private PluginApi() {}
}
