package io.pipecat.example.hello;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.spi.CliCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** {@code pipecat hello greet [--name NAME]}: greets, and shows what a plugin can see. */
@Command(name = "greet", description = """
        Print a greeting, the config file in use and the active organization

        EXAMPLES
          $ pipecat hello greet
          $ pipecat hello greet --name Ada
          $ echo Ada | pipecat hello greet --name -""")
public final class GreetCommand extends CliCommand {

    @Option(
            name = {"-n", "--name"},
            title = "NAME",
            description = "Who to greet; - reads the name from stdin (default: $HELLO_NAME, else world)")
    private String name;

    @Override
    public void run(CommandContext context) {
        String who = name != null ? name : context.env().getOrDefault("HELLO_NAME", "world");
        if (who.equals("-")) {
            who = firstLineOfStdin(context);
        }
        if (who.isBlank()) {
            throw CliException.usage("--name must not be blank");
        }
        context.io().out().println("Hello, " + who + "!");
        context.io().out().println("config: " + context.settings().configPath());
        context.io().out().println("organization: " + context.settings().org().orElse("(none)"));
    }

    private static String firstLineOfStdin(CommandContext context) {
        try {
            String line =
                    new BufferedReader(new InputStreamReader(context.io().in(), StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line.strip();
        } catch (IOException e) {
            throw CliException.error("Could not read the name from stdin.", e);
        }
    }
}
