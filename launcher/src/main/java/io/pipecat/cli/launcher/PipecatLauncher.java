package io.pipecat.cli.launcher;

import com.github.rvesse.airline.parser.errors.ParseException;
import io.pipecat.cli.context.CliIO;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.context.TerminalText;
import io.pipecat.cli.core.internal.DefaultCommandContext;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.errors.ExitCode;
import io.pipecat.cli.errors.ExitCodes;
import io.pipecat.cli.launcher.builtin.PluginsListCommand;
import io.pipecat.cli.launcher.builtin.RootCommand;
import io.pipecat.cli.launcher.plugins.LoadedPlugin;
import io.pipecat.cli.launcher.plugins.PluginDiscovery;
import io.pipecat.cli.launcher.plugins.PluginExitGuard;
import io.pipecat.cli.launcher.tree.CommandPath;
import io.pipecat.cli.launcher.tree.CommandSpec;
import io.pipecat.cli.launcher.tree.CommandTree;
import io.pipecat.cli.launcher.tree.FlagsOnlyParse;
import io.pipecat.cli.launcher.tree.HelpRenderer;
import io.pipecat.cli.launcher.tree.UsageErrors;
import io.pipecat.cli.spi.CliCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Runs one invocation of the CLI: discovers plugins, merges their specs into the command tree,
 * prints help from that model or builds airline for just the command named and parses the
 * arguments, runs the command and turns the outcome into an exit code. Never calls
 * {@code System.exit}: {@link Main} does, with what this returns; tests call it in-process.
 */
public final class PipecatLauncher {
    private PipecatLauncher() {}

    /**
     * @param io   the standard streams
     * @param env  the environment variables
     * @param args the command line, without the program name
     * @return the exit code
     */
    public static int run(CliIO io, Map<String, String> env, String... args) {
        return run(io, Environment.of(env), UnaryOperator.identity(), args);
    }

    /**
     * Like {@link #run(CliIO, Map, String...)}, with a hook that adjusts the command context
     * (tests swap the browser, clock or HTTP transport).
     */
    public static int run(
            CliIO io, Environment env, UnaryOperator<DefaultCommandContext.Builder> customize, String... args) {
        return run(io, env, customize, PluginDiscovery::discover, args);
    }

    /** The same, with the plugin discovery swapped (tests add plugins without building jars). */
    static int run(
            CliIO io,
            Environment env,
            UnaryOperator<DefaultCommandContext.Builder> customize,
            Function<Environment, List<LoadedPlugin>> discovery,
            String... args) {
        io = io.styledFor(env);
        List<String> words = new ArrayList<>(List.of(args));
        boolean verbose = false;
        while (!words.isEmpty()
                && (words.get(0).equals("--verbose") || words.get(0).equals("--debug"))) {
            words.remove(0);
            verbose = true;
        }
        boolean debug =
                verbose || env.get("PIPECAT_DEBUG").map(v -> !v.equals("0")).orElse(false);
        StartupTrace.configure(env, io.err());
        try {
            if (PluginsListCommand.refreshRequested(words)) {
                // Before discovery, so that this very run reads every plugin again.
                PluginDiscovery.forgetIndex(env);
            }
            CommandTree tree = CommandTree.assemble(discovery.apply(env), RootCommand.class);
            reportSkippedPlugins(io, tree);
            Optional<CliCommand> command = parse(io, tree, words);
            if (command.isEmpty()) {
                return ExitCode.OK.code();
            }
            boolean verboseCommand = debug || command.get().verboseRequested();
            long started = System.nanoTime();
            try (DefaultCommandContext context = customize
                            .apply(DefaultCommandContext.builder(io, env).verbose(verboseCommand))
                            .build();
                    PluginExitGuard.CommandScope scope =
                            PluginExitGuard.command(command.get().getClass())) {
                command.get().run(context);
            } catch (Throwable failure) {
                return report(io, failure, verboseCommand);
            } finally {
                StartupTrace.log("command ran (context, run, close) in %.1f ms", (System.nanoTime() - started) / 1e6);
            }
            return ExitCode.OK.code();
        } catch (Throwable failure) {
            return report(io, failure, debug);
        } finally {
            io.out().flush();
            io.err().flush();
        }
    }

    /**
     * Parses the words, printing help where it was asked for (or a bare group was typed).
     *
     * @return the command to run, or empty when help was printed
     * @throws CliException exit 2 for an unknown command or a bad flag
     */
    private static Optional<CliCommand> parse(CliIO io, CommandTree tree, List<String> words) {
        CommandPath path = CommandPath.resolve(tree, words);
        HelpRenderer help = new HelpRenderer(tree);
        if (path.unknown().isPresent() && !defaultCommandTakesArguments(tree, path.groupPath())) {
            throw UsageErrors.unknownCommand(
                    tree, path.groupPath(), path.unknown().get());
        }
        Optional<CommandSpec> target = path.target(tree);
        if (helpRequested(words, target) || (path.bare() && path.command().isEmpty())) {
            io.out().print(help.render(path.helpPath()));
            return Optional.empty();
        }
        long started = System.nanoTime();
        Optional<CliCommand> simple = FlagsOnlyParse.parse(tree, path, words);
        if (simple.isPresent()) {
            StartupTrace.log("flags parsed without airline %.1f ms", (System.nanoTime() - started) / 1e6);
            return simple;
        }
        try {
            // Only the group chain and the one command named: the rest of the tree stays unbuilt.
            return Optional.of(tree.cliFor(path.groupPath(), path.command()).parse(words.toArray(String[]::new)));
        } catch (ParseException e) {
            throw UsageErrors.parseError(e, path.helpPath(), target);
        }
    }

    /**
     * {@code --help} anywhere before {@code --}; so is {@code -h}, unless the command being parsed
     * gives it a meaning of its own ({@code login -h} is headless, as in the official CLI).
     */
    private static boolean helpRequested(List<String> words, Optional<CommandSpec> target) {
        boolean shortHelp = target.map(
                        c -> c.options().stream().noneMatch(o -> o.names().contains("-h")))
                .orElse(true);
        for (String word : words) {
            if (word.equals("--")) {
                return false;
            }
            if (word.equals("--help") || (shortHelp && word.equals("-h"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean defaultCommandTakesArguments(CommandTree tree, List<String> groupPath) {
        if (groupPath.isEmpty()) {
            return false;
        }
        return tree.group(groupPath)
                .flatMap(CommandTree.Group::defaultCommand)
                .map(c -> c.arguments().isPresent())
                .orElse(false);
    }

    private static void reportSkippedPlugins(CliIO io, CommandTree tree) {
        for (LoadedPlugin plugin : tree.plugins()) {
            if (plugin.details().superseded()) {
                continue; // an older copy of a plugin in use: plugins list says so, once, where it is asked for
            }
            plugin.problem()
                    .ifPresent(problem -> io.err()
                            .println(TerminalText.line("Warning: plugin "
                                    + (plugin.source().builtIn()
                                            ? plugin.name() + " (built-in)"
                                            : plugin.source().toString())
                                    + " skipped: " + problem)));
        }
    }

    /**
     * Prints a failure the way the user should see it, and returns its exit code. Every failure
     * message is printed here, and much of it comes from outside (server error bodies, OAuth
     * callback parameters, plugins' exceptions): control characters are escaped so that no escape
     * sequence reaches the terminal. Line breaks and tabs survive only in {@link CliException}
     * messages, whose layout (usage hints, suggestions) is ours.
     */
    static int report(CliIO io, Throwable failure, boolean verbose) {
        ExitCode code = ExitCodes.of(failure);
        if (failure instanceof CliException) {
            io.err().println(redFirstLine(io, TerminalText.lines(failure.getMessage())));
        } else if (code == ExitCode.INTERRUPTED) {
            io.err().println(io.errStyle().error("Interrupted."));
        } else {
            io.err()
                    .println(io.errStyle()
                            .error(TerminalText.line("Error: "
                                    + failure.getClass().getSimpleName()
                                    // Escape before trimming: trim() would silently eat a leading ESC but not the rest.
                                    + (failure.getMessage() == null
                                            ? ""
                                            : ": " + UsageErrors.oneLine(TerminalText.lines(failure.getMessage())))
                                    + (verbose ? "" : " (run with --verbose for details)"))));
        }
        if (verbose) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            io.err().print(TerminalText.lines(trace.toString()));
        }
        return code.code();
    }

    /** The error itself in red; the hints below it (usage, suggestions) stay plain. */
    private static String redFirstLine(CliIO io, String message) {
        int end = message.indexOf('\n');
        return end < 0
                ? io.errStyle().error(message)
                : io.errStyle().error(message.substring(0, end)) + message.substring(end);
    }
}
