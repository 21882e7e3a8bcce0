package io.pipecat.cli.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one plugin adds to one group of the command tree, e.g. the commands it puts under
 * {@code cloud auth}. Several plugins may contribute to the same group; the launcher merges them.
 * A contribution never replaces a built-in command: a clashing command is skipped and reported.
 *
 * @param path           the group path, e.g. {@code ["cloud", "auth"]}; empty for top-level commands
 * @param description    one-line description of the group, used when no earlier contribution
 *                       described it; may be empty
 * @param defaultCommand the command that runs when the group is invoked without a sub-command
 *                       (e.g. {@code pipecat cloud --show-cli-config}); empty means "print the
 *                       group's help"
 * @param commands       the commands added to the group
 */
public record CommandGroup(
        List<String> path,
        String description,
        Optional<Class<? extends CliCommand>> defaultCommand,
        List<Class<? extends CliCommand>> commands) {

    public CommandGroup {
        path = List.copyOf(path);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(defaultCommand, "defaultCommand");
        commands = List.copyOf(commands);
        for (String segment : path) {
            if (!segment.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException(
                        "invalid group name '" + segment + "': use lower-case letters, digits and '-'");
            }
        }
    }

    /**
     * Starts a contribution to the group at {@code path}.
     *
     * @param path group names from the root, e.g. {@code "cloud", "auth"}
     */
    public static Builder at(String... path) {
        return new Builder(List.of(path));
    }

    /** @return the path as typed on the command line, e.g. {@code "cloud auth"} */
    public String displayPath() {
        return String.join(" ", path);
    }

    /** Builds a {@link CommandGroup}. */
    public static final class Builder {
        private final List<String> path;
        private String description = "";
        private Class<? extends CliCommand> defaultCommand;
        private final List<Class<? extends CliCommand>> commands = new ArrayList<>();

        private Builder(List<String> path) {
            this.path = path;
        }

        public Builder description(String text) {
            this.description = Objects.requireNonNull(text);
            return this;
        }

        public Builder defaultCommand(Class<? extends CliCommand> command) {
            this.defaultCommand = Objects.requireNonNull(command);
            return this;
        }

        @SafeVarargs
        public final Builder commands(Class<? extends CliCommand>... added) {
            commands.addAll(List.of(added));
            return this;
        }

        public CommandGroup build() {
            return new CommandGroup(path, description, Optional.ofNullable(defaultCommand), commands);
        }
    }
}
