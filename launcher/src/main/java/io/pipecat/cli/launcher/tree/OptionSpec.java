package io.pipecat.cli.launcher.tree;

import java.util.List;

/**
 * One flag of a command, as airline would see it.
 *
 * @param names       every name, e.g. {@code ["-h", "--headless"]}, in declaration order
 * @param title       the value's title shown in help ({@code <SECONDS>}); airline's default is the field name
 * @param arity       how many values it takes: 0 for booleans, else 1 unless the annotation says otherwise
 * @param description one line for help
 * @param hidden      whether help and completion leave it out
 */
public record OptionSpec(List<String> names, String title, int arity, String description, boolean hidden) {
    public OptionSpec {
        names = List.copyOf(names);
    }
}
