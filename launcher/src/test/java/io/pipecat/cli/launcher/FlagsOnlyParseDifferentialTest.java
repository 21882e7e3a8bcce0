package io.pipecat.cli.launcher;

import static io.pipecat.cli.launcher.fixtures.Fixtures.builtIn;
import static io.pipecat.cli.launcher.fixtures.Fixtures.thirdParty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.rvesse.airline.parser.errors.ParseException;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.launcher.builtin.RootCommand;
import io.pipecat.cli.launcher.fixtures.Fixtures;
import io.pipecat.cli.launcher.plugins.LoadedPlugin;
import io.pipecat.cli.launcher.plugins.PluginDiscovery;
import io.pipecat.cli.launcher.tree.CommandPath;
import io.pipecat.cli.launcher.tree.CommandSpec;
import io.pipecat.cli.launcher.tree.CommandTree;
import io.pipecat.cli.launcher.tree.FlagsOnlyParse;
import io.pipecat.cli.launcher.tree.OptionSpec;
import io.pipecat.cli.spi.CliCommand;
import io.pipecat.cli.spi.CommandGroup;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FlagsOnlyParse} against airline, the parser of record: for every command of a tree of the
 * built-in commands and fixtures (flags, boxed flags, valued options, optional and required
 * arguments, restrictions, modules, default commands), on generated command lines of their flag
 * names, valued options, values, {@code --}, {@code =} forms, unknown flags and repeats — whatever
 * the fast path parses, airline parses to a command of the same class with the same field values;
 * everything else is left to airline.
 */
class FlagsOnlyParseDifferentialTest {

    @TempDir
    Path home;

    private CommandTree tree() {
        Environment env = Environment.of(Map.of(
                "HOME",
                home.toString(),
                "PIPECAT_PLUGIN_PATH",
                home.resolve("none").toString()));
        List<LoadedPlugin> plugins = new ArrayList<>(PluginDiscovery.discover(env));
        plugins.add(builtIn(
                "auth",
                CommandGroup.at("cloud")
                        .description("Cloud")
                        .defaultCommand(Fixtures.Flags.class)
                        .build(),
                CommandGroup.at("cloud", "auth")
                        .description("Auth")
                        .commands(Fixtures.Login.class, Fixtures.Whoami.class, Fixtures.Tokens.class)
                        .build()));
        plugins.add(thirdParty(
                "tools",
                CommandGroup.at("tools")
                        .description("Tools")
                        .commands(
                                Fixtures.Echo.class,
                                Fixtures.Shapes.class,
                                Fixtures.Either.class,
                                Fixtures.AliasedLogin.class)
                        .build()));
        return CommandTree.assemble(plugins, RootCommand.class);
    }

    @Test
    void whatTheFastPathParsesAirlineParsesToTheSameCommand() throws Exception {
        CommandTree tree = tree();
        Map<List<String>, CommandSpec> commands = new LinkedHashMap<>();
        collect(tree, tree.root(), commands);
        Random random = new Random(12_04);
        int fast = 0;
        int airlineOnly = 0;
        int rejected = 0;
        for (int round = 0; round < 300; round++) {
            for (Map.Entry<List<String>, CommandSpec> entry : commands.entrySet()) {
                List<String> words = new ArrayList<>(entry.getKey());
                List<String> pool = pool(entry.getValue());
                int extra = random.nextInt(4);
                for (int i = 0; i < extra; i++) {
                    words.add(pool.get(random.nextInt(pool.size())));
                }
                CommandPath path = CommandPath.resolve(tree, words);
                if (path.unknown().isPresent()) {
                    continue; // the launcher reports an unknown command before parsing
                }
                Optional<CliCommand> quick = FlagsOnlyParse.parse(tree, path, words);
                CliCommand reference;
                try {
                    reference = tree.cliFor(path.groupPath(), path.command()).parse(words.toArray(String[]::new));
                } catch (ParseException e) {
                    reference = null;
                }
                if (quick.isPresent()) {
                    fast++;
                    assertNotNull(reference, () -> "airline rejects what the fast path took: " + words);
                    assertSameCommand(reference, quick.get(), words);
                } else if (reference != null) {
                    airlineOnly++;
                } else {
                    rejected++;
                }
            }
        }
        // Both sides of the fast path's edge must be reached, or the agreement proves little.
        assertTrue(fast > 500, "fast " + fast);
        assertTrue(airlineOnly > 500, "airline only " + airlineOnly);
        assertTrue(rejected > 500, "rejected " + rejected);
    }

    @Test
    void theInvocationsUsersTypeMostTakeTheFastPath() {
        CommandTree tree = tree();
        for (List<String> words : List.of(
                List.of("--version"),
                List.of("plugins", "list"),
                List.of("cloud", "--show"),
                List.of("cloud", "auth", "whoami"))) {
            CommandPath path = CommandPath.resolve(tree, words);
            assertTrue(FlagsOnlyParse.parse(tree, path, words).isPresent(), words::toString);
        }
        // Restricted flags are airline's: it refuses both at once.
        List<String> both = List.of("tools", "either", "--left", "--right");
        assertTrue(FlagsOnlyParse.parse(tree, CommandPath.resolve(tree, both), both)
                .isEmpty());
    }

    private static void collect(CommandTree tree, CommandTree.Group group, Map<List<String>, CommandSpec> out) {
        group.defaultCommand().ifPresent(spec -> out.put(group.path(), spec));
        for (CommandSpec command : group.commands()) {
            List<String> path = new ArrayList<>(group.path());
            path.add(command.name());
            out.put(path, command);
        }
        group.subGroups().forEach(sub -> collect(tree, sub, out));
    }

    /** Words for a command line: its option names, values, and what is neither. */
    private static List<String> pool(CommandSpec spec) {
        List<String> pool = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            pool.addAll(option.names());
            pool.addAll(option.names()); // flags more often than the rest
            pool.add(option.names().get(0) + "=x");
        }
        pool.addAll(List.of("--", "value", "7", "--unknown", "-x", "-", "--show=true", "list", spec.name()));
        return pool;
    }

    private static void assertSameCommand(CliCommand expected, CliCommand actual, List<String> words)
            throws IllegalAccessException {
        assertEquals(expected.getClass(), actual.getClass(), words::toString);
        assertEquals(expected.helpRequested(), actual.helpRequested(), words::toString);
        assertEquals(expected.verboseRequested(), actual.verboseRequested(), words::toString);
        for (Class<?> c = expected.getClass(); c != CliCommand.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object want = field.get(expected);
                Object got = field.get(actual);
                assertEquals(want, got, () -> field.getName() + " after " + words);
            }
        }
    }
}
