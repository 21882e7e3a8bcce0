package io.pipecat.cli.launcher;

import io.pipecat.cli.context.CliIO;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.launcher.plugins.LoadedPlugin;
import io.pipecat.cli.launcher.plugins.PluginDiscovery;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Runs the launcher in-process with captured streams and extra (fixture) plugins. */
final class LauncherHarness {
    record Result(int exit, String out, String err) {}

    private LauncherHarness() {}

    static Result run(Path home, List<LoadedPlugin> extra, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliIO io = CliIO.of(
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Environment env = Environment.of(Map.of(
                "HOME",
                home.toString(),
                "PIPECAT_PLUGIN_PATH",
                home.resolve("no-plugins").toString()));
        int exit = PipecatLauncher.run(
                io,
                env,
                UnaryOperator.identity(),
                e -> {
                    List<LoadedPlugin> all = new ArrayList<>(PluginDiscovery.discover(e));
                    all.addAll(extra);
                    return all;
                },
                args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
