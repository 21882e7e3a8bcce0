package io.pipecat.cli.launcher.tree;

import java.util.List;

/**
 * The positional arguments of a command.
 *
 * @param titles      the titles (airline's default: the field name)
 * @param description one line for help
 * @param required    whether the field carries airline's {@code @Required}
 * @param values      the values it takes ({@code io.pipecat.cli.spi.ArgumentValues}), offered by
 *                    completion and listed by help; empty when any value goes
 */
public record ArgumentsSpec(List<String> titles, String description, boolean required, List<String> values) {
    public ArgumentsSpec {
        titles = List.copyOf(titles);
        values = List.copyOf(values);
    }

    /** Arguments that take any value. */
    public ArgumentsSpec(List<String> titles, String description, boolean required) {
        this(titles, description, required, List.of());
    }

    /** @return the titles joined with spaces, as help shows them */
    public String title() {
        return String.join(" ", titles);
    }

    /** @return a copy with {@code values} as the values it takes */
    ArgumentsSpec withValues(List<String> newValues) {
        return new ArgumentsSpec(titles, description, required, newValues);
    }
}
