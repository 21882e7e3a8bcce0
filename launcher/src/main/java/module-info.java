/**
 * The pipecat launcher: finds command groups with {@link java.util.ServiceLoader} — built-in
 * plugins on its module path, third-party plugins (a jar, or a folder of the plugin's jar and its
 * libraries) each in a {@link java.lang.ModuleLayer} of their own, remembered in a plugin index so
 * an unchanged plugin is opened only to run its command —
 * merges them into a light command model (help, completion, paths), builds airline only for the
 * one command parsed, runs it and maps its outcome to an exit code. Exports only
 * {@code io.pipecat.cli.launcher.inprocess}, the in-process entry point the test kit's harness
 * calls.
 *
 * @uses io.pipecat.cli.spi.CommandGroupProvider
 * @provides io.pipecat.cli.spi.CommandGroupProvider the launcher's own commands: plugins, completion, help
 */
module io.pipecat.cli.launcher {
    requires io.pipecat.cli.core;

    uses io.pipecat.cli.spi.CommandGroupProvider;
    // The Maven resolver of plugins install/upgrade, loaded in a layer of its own only by them.
    uses io.pipecat.cli.launcher.install.MavenResolver;

    provides io.pipecat.cli.spi.CommandGroupProvider with
            io.pipecat.cli.launcher.builtin.LauncherCommandsProvider;

    // The in-process entry point of the test kit's harness. Not qualified: in a plugin's tests
    // Maven puts the test kit on the class path (the unnamed module), which a qualified export
    // cannot name. It takes only plugin-API types, so it hands out nothing the core keeps private.
    exports io.pipecat.cli.launcher.inprocess;

    opens io.pipecat.cli.launcher.builtin to
            com.github.rvesse.airline;
}
