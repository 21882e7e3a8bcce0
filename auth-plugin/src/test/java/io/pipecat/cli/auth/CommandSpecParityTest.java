package io.pipecat.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.rvesse.airline.builder.ParserBuilder;
import com.github.rvesse.airline.model.ArgumentsMetadata;
import com.github.rvesse.airline.model.CommandMetadata;
import com.github.rvesse.airline.model.MetadataLoader;
import com.github.rvesse.airline.model.OptionMetadata;
import io.pipecat.cli.launcher.tree.CommandSpec;
import io.pipecat.cli.launcher.tree.OptionSpec;
import io.pipecat.cli.spi.CliCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The launcher shows help for these commands from the specs the command-spec processor generated
 * when this module was compiled (it never builds airline's model for help): for every auth command
 * the generated spec must equal what airline itself reads from the annotations.
 */
class CommandSpecParityTest {

    static Stream<Class<? extends CliCommand>> commands() {
        List<Class<? extends CliCommand>> all = new ArrayList<>();
        new AuthPlugin().groups().forEach(g -> {
            g.defaultCommand().ifPresent(all::add);
            all.addAll(g.commands());
        });
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void generatedSpecEqualsAirlinesMetadata(Class<? extends CliCommand> type) {
        CommandMetadata airline = MetadataLoader.loadCommand(type, ParserBuilder.defaultConfiguration());
        List<String> expected = new ArrayList<>();
        expected.add(airline.getName() + " | " + airline.getDescription() + " | hidden=" + airline.isHidden());
        for (OptionMetadata option : airline.getAllOptions()) {
            expected.add(
                    "option " + option.getOptions().stream().sorted().toList() + " | " + option.getTitle() + " | arity="
                            + option.getArity() + " | " + option.getDescription() + " | hidden=" + option.isHidden());
        }
        ArgumentsMetadata arguments = airline.getArguments();
        expected.add(
                arguments == null
                        ? "no arguments"
                        : "arguments " + arguments.getTitle() + " | " + arguments.getDescription() + " | required="
                                + arguments.isRequired());

        CommandSpec spec = CommandSpec.read(type);
        List<String> actual = new ArrayList<>();
        actual.add(spec.name() + " | " + spec.description() + " | hidden=" + spec.hidden());
        for (OptionSpec option : spec.options()) {
            actual.add("option " + option.names().stream().sorted().toList() + " | " + option.title() + " | arity="
                    + option.arity() + " | " + option.description() + " | hidden=" + option.hidden());
        }
        actual.add(spec.arguments()
                .map(a -> "arguments " + a.titles() + " | " + a.description() + " | required=" + a.required())
                .orElse("no arguments"));

        expected.subList(1, expected.size() - 1).sort(null);
        actual.subList(1, actual.size() - 1).sort(null);
        assertEquals(expected, actual);
        assertEquals(type.getName(), spec.className());
    }
}
