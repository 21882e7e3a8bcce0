package io.pipecat.cli.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.github.rvesse.airline.builder.ParserBuilder;
import com.github.rvesse.airline.model.ArgumentsMetadata;
import com.github.rvesse.airline.model.CommandMetadata;
import com.github.rvesse.airline.model.MetadataLoader;
import com.github.rvesse.airline.model.OptionMetadata;
import io.pipecat.cli.launcher.builtin.RootCommand;
import io.pipecat.cli.launcher.fixtures.Fixtures;
import io.pipecat.cli.launcher.plugins.LoadedPlugin;
import io.pipecat.cli.launcher.plugins.PluginDiscovery;
import io.pipecat.cli.launcher.tree.CommandSpec;
import io.pipecat.cli.launcher.tree.OptionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The launcher reads commands with plain reflection instead of airline's MetadataLoader: for
 * every built-in command (and every fixture shape) the result must be what airline itself reads.
 */
class SpecReadingTest {

    static Stream<Class<?>> commands() {
        List<Class<?>> all = new ArrayList<>();
        all.add(RootCommand.class);
        for (LoadedPlugin plugin : PluginDiscovery.builtIns()) {
            plugin.groups().forEach(g -> {
                g.defaultCommand().ifPresent(c -> all.add(load(c.className())));
                g.commands().forEach(c -> all.add(load(c.className())));
            });
        }
        all.addAll(List.of(Fixtures.Login.class, Fixtures.ImpostorLogin.class, Fixtures.Whoami.class,
                Fixtures.Tokens.class, Fixtures.Echo.class, Fixtures.Fail.class, Fixtures.Shapes.class));
        assertFalse(all.isEmpty());
        return all.stream();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void specMatchesAirlinesOwnMetadata(Class<?> type) {
        assertEquals(airline(type), ours(CommandSpec.read(type)));
        assertEquals(airline(type), ours(CommandSpec.readWithReflection(type)), "the reflective fallback too");
        assertEquals(CommandSpec.read(type), CommandSpec.readWithReflection(type));
    }

    /** airline's view, as comparable text */
    static List<String> airline(Class<?> type) {
        CommandMetadata command = MetadataLoader.loadCommand(type, ParserBuilder.defaultConfiguration());
        List<String> rows = new ArrayList<>();
        rows.add("command " + command.getName() + " | " + command.getDescription() + " | hidden=" + command.isHidden());
        List<String> options = new ArrayList<>();
        for (OptionMetadata option : command.getAllOptions()) {
            options.add("option " + option.getOptions().stream().sorted().toList() + " | " + option.getTitle()
                    + " | arity=" + option.getArity() + " | " + option.getDescription() + " | hidden=" + option.isHidden());
        }
        options.sort(null);
        rows.addAll(options);
        ArgumentsMetadata arguments = command.getArguments();
        rows.add(arguments == null ? "no arguments" : "arguments " + arguments.getTitle() + " | "
                + arguments.getDescription() + " | required=" + arguments.isRequired());
        return rows;
    }

    /** the launcher's view, as the same text */
    static List<String> ours(CommandSpec command) {
        List<String> rows = new ArrayList<>();
        rows.add("command " + command.name() + " | " + command.description() + " | hidden=" + command.hidden());
        List<String> options = new ArrayList<>();
        for (OptionSpec option : command.options()) {
            options.add("option " + option.names().stream().sorted().toList() + " | " + option.title()
                    + " | arity=" + option.arity() + " | " + option.description() + " | hidden=" + option.hidden());
        }
        options.sort(null);
        rows.addAll(options);
        rows.add(command.arguments().map(a -> "arguments " + a.titles() + " | " + a.description()
                + " | required=" + a.required()).orElse("no arguments"));
        return rows;
    }
}
