package io.pipecat.cli.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The launcher reads commands from the specs the command-spec processor wrote at compile time,
 * never from airline's MetadataLoader: for every built-in command (and every fixture shape) the
 * spec must be what airline itself reads from the annotations.
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
        all.addAll(List.of(
                Fixtures.Login.class,
                Fixtures.ImpostorLogin.class,
                Fixtures.Whoami.class,
                Fixtures.Tokens.class,
                Fixtures.Echo.class,
                Fixtures.Fail.class,
                Fixtures.Shapes.class));
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
    void generatedSpecMatchesAirlinesOwnMetadata(Class<?> type) {
        CommandSpec spec = CommandSpec.read(type);
        assertEquals(airline(type), ours(spec));
        assertEquals(type.getName(), spec.className());
    }

    @Test
    void theSpecIsTheOnlySourceThereIsNoSecondReader() {
        assertThrows(
                ClassNotFoundException.class, () -> Class.forName("io.pipecat.cli.launcher.tree.ClassFileAnnotations"));
        assertTrue(Stream.of(CommandSpec.class.getDeclaredMethods())
                .noneMatch(m -> m.getName().contains("Reflection")));
        // A command class without a generated spec is refused, not read some other way.
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> CommandSpec.read(Fixtures.NotAnnotated.class));
        assertTrue(
                missing.getMessage()
                        .contains("has no generated spec (META-INF/pipecat/commands/"
                                + Fixtures.NotAnnotated.class.getName() + ".spec)"),
                missing.getMessage());
        assertTrue(missing.getMessage().contains("annotation processor path"), missing.getMessage());
    }

    @Test
    void aSpecOfAnotherFormatOrCutShortIsRefused() {
        String good = "pipecat-command-spec\t1\nclass\tx.Go\ncommand\tgo\tfalse\tGo\\tsomewhere\\nnow\n"
                + "option\t1\tfalse\tPLACE\tWhere\t-t\t--to\narguments\ttrue\tThings\tA\tB\n";
        CommandSpec spec = CommandSpec.parse(good);
        assertEquals(
                new CommandSpec(
                        "go",
                        "Go\tsomewhere\nnow",
                        false,
                        List.of(new OptionSpec(List.of("-t", "--to"), "PLACE", 1, "Where", false)),
                        java.util.Optional.of(
                                new io.pipecat.cli.launcher.tree.ArgumentsSpec(List.of("A", "B"), "Things", true)),
                        "x.Go"),
                spec);
        for (String bad : List.of(
                "",
                good.replace("spec\t1", "spec\t2"),
                good.replace("\tWhere\t-t\t--to", ""),
                good.replace("option\t1", "option\tone"),
                good.replace("class\tx.Go\n", ""),
                good + "shortcut\tgo\n")) {
            assertThrows(IllegalArgumentException.class, () -> CommandSpec.parse(bad), bad);
        }
    }

    /** airline's view, as comparable text */
    static List<String> airline(Class<?> type) {
        CommandMetadata command = MetadataLoader.loadCommand(type, ParserBuilder.defaultConfiguration());
        List<String> rows = new ArrayList<>();
        rows.add("command " + command.getName() + " | " + command.getDescription() + " | hidden=" + command.isHidden());
        List<String> options = new ArrayList<>();
        for (OptionMetadata option : command.getAllOptions()) {
            options.add(
                    "option " + option.getOptions().stream().sorted().toList() + " | " + option.getTitle() + " | arity="
                            + option.getArity() + " | " + option.getDescription() + " | hidden=" + option.isHidden());
        }
        options.sort(null);
        rows.addAll(options);
        ArgumentsMetadata arguments = command.getArguments();
        rows.add(
                arguments == null
                        ? "no arguments"
                        : "arguments " + arguments.getTitle() + " | " + arguments.getDescription() + " | required="
                                + arguments.isRequired());
        return rows;
    }

    /** the launcher's view, as the same text */
    static List<String> ours(CommandSpec command) {
        List<String> rows = new ArrayList<>();
        rows.add("command " + command.name() + " | " + command.description() + " | hidden=" + command.hidden());
        List<String> options = new ArrayList<>();
        for (OptionSpec option : command.options()) {
            options.add("option " + option.names().stream().sorted().toList() + " | " + option.title() + " | arity="
                    + option.arity() + " | " + option.description() + " | hidden=" + option.hidden());
        }
        options.sort(null);
        rows.addAll(options);
        rows.add(command.arguments()
                .map(a -> "arguments " + a.titles() + " | " + a.description() + " | required=" + a.required())
                .orElse("no arguments"));
        return rows;
    }
}
