package io.pipecat.cli.spi;

import com.github.rvesse.airline.annotations.Option;
import io.pipecat.cli.context.CommandContext;

/**
 * Base class of every command. A command is its options (airline {@code @Option} /
 * {@code @Arguments} fields, filled in by the parser) plus one {@link #run} method that does
 * the work through the {@link CommandContext} it is given.
 *
 * <p>Subclasses carry airline's {@code @Command(name = …, description = …)}; their package must be
 * {@code opens … to com.github.rvesse.airline} so the parser can fill the fields. A command never
 * touches {@code System.out}, {@code System.getenv}, {@code System.exit} or the wall clock: all of
 * that comes from the context, which is what lets tests run it in-process.
 *
 * <p>Instances are created by the launcher for one invocation and are not shared between threads.
 */
public abstract class CliCommand {

    @Option(name = "--help", description = "Show help for this command")
    private boolean help;

    @Option(name = "--verbose", hidden = true, description = "Print stack traces of errors")
    private boolean verbose;

    /** @return whether {@code --help} was given; the launcher then prints help instead of running */
    public final boolean helpRequested() {
        return help;
    }

    /** @return whether {@code --verbose} was given on this command */
    public final boolean verboseRequested() {
        return verbose;
    }

    /**
     * Does the work. Report failures by throwing {@link io.pipecat.cli.errors.CliException}
     * (which carries the exit code); anything else is reported as a general error (exit 1).
     *
     * @param context the invocation's IO, environment, non-secret settings and HTTP access (plain and authenticated)
     * @throws Exception any failure; the launcher maps it to an exit code
     */
    public abstract void run(CommandContext context) throws Exception;
}
