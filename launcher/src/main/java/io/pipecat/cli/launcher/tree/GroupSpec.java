package io.pipecat.cli.launcher.tree;

import java.util.List;
import java.util.Optional;

/**
 * What one plugin adds to one group, as specs (the model twin of
 * {@link io.pipecat.cli.spi.CommandGroup}).
 *
 * @param path           group names from the root; empty for top-level commands
 * @param description    the group's description, may be empty
 * @param defaultCommand what runs for the bare group with flags
 * @param commands       the commands it adds
 */
public record GroupSpec(
        List<String> path, String description, Optional<CommandSpec> defaultCommand, List<CommandSpec> commands) {
    public GroupSpec {
        path = List.copyOf(path);
        commands = List.copyOf(commands);
    }

    /** @return the path as typed, e.g. {@code "cloud auth"} */
    public String displayPath() {
        return String.join(" ", path);
    }
}
