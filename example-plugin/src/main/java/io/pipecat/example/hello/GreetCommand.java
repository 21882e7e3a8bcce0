package io.pipecat.example.hello;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.spi.CliCommand;

/** {@code pipecat hello greet [--name NAME]}: greets, and shows what a plugin can see. */
@Command(name = "greet", description = "Print a greeting, the config file in use and the active organization")
public final class GreetCommand extends CliCommand {

    @Option(name = {"-n", "--name"}, title = "NAME", description = "Who to greet (default: $HELLO_NAME, else world)")
    private String name;

    @Override
    public void run(CommandContext context) {
        String who = name != null ? name : context.env().getOrDefault("HELLO_NAME", "world");
        if (who.isBlank()) {
            throw CliException.usage("--name must not be blank");
        }
        context.io().out().println("Hello, " + who + "!");
        context.io().out().println("config: " + context.settings().configPath());
        context.io().out().println("organization: " + context.settings().org().orElse("(none)"));
    }
}
