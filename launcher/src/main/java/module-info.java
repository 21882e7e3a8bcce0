/**
 * The pipecat launcher: finds command groups with {@link java.util.ServiceLoader} — built-in
 * plugins on its module path, third-party plugin jars each in a {@link java.lang.ModuleLayer} of
 * their own, remembered in a plugin index so an unchanged jar is opened only to run its command —
 * merges them into a light command model (help, completion, paths), builds airline only for the
 * one command parsed, runs it and maps its outcome to an exit code.
 *
 * @uses io.pipecat.cli.spi.CommandGroupProvider
 * @provides io.pipecat.cli.spi.CommandGroupProvider the launcher's own commands: plugins, completion, help
 */
module io.pipecat.cli.launcher {
    requires io.pipecat.cli.core;

    uses io.pipecat.cli.spi.CommandGroupProvider;

    provides io.pipecat.cli.spi.CommandGroupProvider with io.pipecat.cli.launcher.builtin.LauncherCommandsProvider;

    opens io.pipecat.cli.launcher.builtin to com.github.rvesse.airline;
}
