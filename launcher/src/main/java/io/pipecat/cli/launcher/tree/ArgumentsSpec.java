package io.pipecat.cli.launcher.tree;

import java.util.List;

/**
 * The positional arguments of a command.
 *
 * @param titles      the titles (airline's default: the field name)
 * @param description one line for help
 * @param required    whether the field carries airline's {@code @Required}
 */
public record ArgumentsSpec(List<String> titles, String description, boolean required) {
    public ArgumentsSpec {
        titles = List.copyOf(titles);
    }

    /** @return the titles joined with spaces, as help shows them */
    public String title() {
        return String.join(" ", titles);
    }
}
