package io.pipecat.example.hello;

import io.pipecat.cli.spi.CommandGroup;
import io.pipecat.cli.spi.CommandGroupProvider;
import java.util.List;

/** The plugin's entry point, found by the launcher through ServiceLoader. */
public final class HelloPlugin implements CommandGroupProvider {

    @Override
    public String name() {
        return "hello";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public List<CommandGroup> groups() {
        return List.of(CommandGroup.at("hello")
                .description("Example plugin: greetings from a third-party jar")
                .commands(GreetCommand.class, AgentsCommand.class)
                .build());
    }
}
