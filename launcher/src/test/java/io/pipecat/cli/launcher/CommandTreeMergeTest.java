package io.pipecat.cli.launcher;

import static io.pipecat.cli.launcher.fixtures.Fixtures.builtIn;
import static io.pipecat.cli.launcher.fixtures.Fixtures.thirdParty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.launcher.LauncherHarness.Result;
import io.pipecat.cli.launcher.builtin.RootCommand;
import io.pipecat.cli.launcher.fixtures.Fixtures;
import io.pipecat.cli.launcher.plugins.LoadedPlugin;
import io.pipecat.cli.launcher.tree.CommandTree;
import io.pipecat.cli.spi.CliCommand;
import io.pipecat.cli.spi.CommandGroup;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Merging groups from several plugins, and the rule that built-ins can never be replaced. */
class CommandTreeMergeTest {
    @TempDir
    Path home;

    private static final LoadedPlugin AUTH = builtIn(
            "auth",
            CommandGroup.at("cloud").description("Pipecat Cloud commands").build(),
            CommandGroup.at("cloud", "auth")
                    .description("Log in and out")
                    .commands(Fixtures.Login.class)
                    .build());

    @Test
    void twoPluginsAddCommandsToTheSameGroup() {
        LoadedPlugin extra = thirdParty(
                "tokens",
                CommandGroup.at("cloud", "auth").commands(Fixtures.Tokens.class).build());
        CommandTree tree = CommandTree.assemble(List.of(AUTH, extra), RootCommand.class);

        List<String> names = tree.commandsAt(List.of("cloud", "auth")).stream()
                .map(c -> c.name())
                .sorted()
                .toList();
        assertEquals(List.of("login", "tokens"), names);
        assertEquals(
                "Log in and out",
                tree.group(List.of("cloud", "auth")).orElseThrow().description(),
                "the first description of a group wins");
        assertEquals("tokens", tree.ownerOf(Fixtures.Tokens.class).orElseThrow());
        assertEquals("auth", tree.ownerOf(Fixtures.Login.class).orElseThrow());

        Result help = LauncherHarness.run(home, List.of(AUTH, extra), "cloud", "auth", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("login") && help.out().contains("tokens"), help.out());

        Result tokens = LauncherHarness.run(home, List.of(AUTH, extra), "cloud", "auth", "tokens", "--limit", "3");
        assertEquals(0, tokens.exit(), tokens.err());
        assertEquals("tokens limit=3\n", tokens.out());
    }

    @Test
    void aPluginCommandThatClashesWithABuiltInIsSkippedAndReported() {
        LoadedPlugin impostor = thirdParty(
                "impostor",
                CommandGroup.at("cloud", "auth")
                        .commands(Fixtures.Whoami.class, Fixtures.ImpostorLogin.class)
                        .build());
        CommandTree tree = CommandTree.assemble(List.of(AUTH, impostor), RootCommand.class);

        LoadedPlugin outcome = tree.plugins().get(1);
        assertTrue(
                outcome.problem().orElseThrow().contains("'pipecat cloud auth login' clashes with a built-in"),
                outcome.problem().orElseThrow());
        assertTrue(outcome.groups().isEmpty(), "a clashing plugin is skipped whole");
        assertFalse(tree.commandsAt(List.of("cloud", "auth")).stream()
                .anyMatch(c -> c.name().equals("whoami")));

        Result login = LauncherHarness.run(home, List.of(AUTH, impostor), "cloud", "auth", "login", "-h");
        assertEquals(0, login.exit(), login.err());
        assertEquals("built-in login headless=true\n", login.out(), "the built-in still runs");
        assertTrue(
                login.err()
                        .contains("Warning: plugin /plugins/impostor.jar skipped: command 'pipecat cloud auth login'"),
                login.err());
        assertEquals(1, login.err().lines().count(), "one line per broken plugin: " + login.err());
    }

    @Test
    void theLaterOfTwoClashingThirdPartyPluginsIsSkipped() {
        LoadedPlugin first = thirdParty(
                "a-tokens",
                CommandGroup.at("extras").commands(Fixtures.Tokens.class).build());
        LoadedPlugin second = thirdParty(
                "b-tokens",
                CommandGroup.at("extras").commands(Fixtures.Tokens.class).build());
        CommandTree tree = CommandTree.assemble(List.of(AUTH, first, second), RootCommand.class);
        assertTrue(tree.plugins().get(1).problem().isEmpty());
        assertTrue(
                tree.plugins().get(2).problem().orElseThrow().contains("clashes with plugin a-tokens"),
                tree.plugins().get(2).problem().orElseThrow());
    }

    @Test
    void aGroupMayNotShadowAnExistingCommand() {
        LoadedPlugin shadow = thirdParty(
                "shadow",
                CommandGroup.at("cloud", "auth", "login")
                        .commands(Fixtures.Tokens.class)
                        .build());
        CommandTree tree = CommandTree.assemble(List.of(AUTH, shadow), RootCommand.class);
        assertTrue(
                tree.plugins().get(1).problem().orElseThrow().contains("group 'pipecat cloud auth login'"),
                tree.plugins().get(1).problem().orElseThrow());
    }

    @Test
    void aDefaultCommandOfABuiltInGroupCannotBeReplaced() {
        LoadedPlugin base = builtIn(
                "base",
                CommandGroup.at("cloud").defaultCommand(Fixtures.Whoami.class).build());
        LoadedPlugin other = thirdParty(
                "other",
                CommandGroup.at("cloud").defaultCommand(Fixtures.Tokens.class).build());
        CommandTree tree = CommandTree.assemble(List.of(base, other), RootCommand.class);
        assertTrue(tree.plugins().get(1).problem().orElseThrow().contains("default command"));
    }

    @Test
    void aCommandClassWithoutTheAnnotationMakesThePluginBroken() {
        LoadedPlugin bad = thirdParty(
                "bad",
                CommandGroup.at("bad").commands(Fixtures.NotAnnotated.class).build());
        CommandTree tree = CommandTree.assemble(List.of(AUTH, bad), RootCommand.class);
        assertTrue(tree.plugins().get(1).problem().orElseThrow().contains("has no generated spec"));
        assertTrue(tree.group(List.of("bad")).isEmpty());
    }

    // ---- every way in to a built-in place is closed ------------------------------------------

    private static final LoadedPlugin AUTH_WITH_WHOAMI = builtIn(
            "auth",
            CommandGroup.at("cloud").description("Pipecat Cloud commands").build(),
            CommandGroup.at("cloud", "auth")
                    .description("Log in and out")
                    .commands(Fixtures.Login.class, Fixtures.Whoami.class)
                    .build());

    /** The hole this closes: a default command was claimed only as "the default", then put in the group by name. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"login", "whoami"})
    void aDefaultCommandNamedLikeABuiltInCommandCannotReplaceIt(String name) {
        Class<? extends CliCommand> impostor =
                name.equals("login") ? Fixtures.ImpostorLogin.class : Fixtures.ImpostorWhoami.class;
        Class<? extends CliCommand> builtIn = name.equals("login") ? Fixtures.Login.class : Fixtures.Whoami.class;
        LoadedPlugin hijack = thirdParty(
                "hijack",
                CommandGroup.at("cloud", "auth").defaultCommand(impostor).build());
        CommandTree tree = CommandTree.assemble(List.of(AUTH_WITH_WHOAMI, hijack), RootCommand.class);

        String problem = tree.plugins().get(1).problem().orElseThrow(() -> new AssertionError("not skipped"));
        assertEquals("it sets a default command for the built-in group 'pipecat cloud auth'; skipped", problem);
        assertTrue(tree.plugins().get(1).groups().isEmpty(), "skipped whole");
        assertEquals(
                builtIn.getName(),
                tree.command(List.of("cloud", "auth"), name).orElseThrow().className(),
                "the built-in keeps its place");
        assertTrue(tree.group(List.of("cloud", "auth"))
                .orElseThrow()
                .defaultCommand()
                .isEmpty());

        Result help = LauncherHarness.run(home, List.of(AUTH_WITH_WHOAMI, hijack), "cloud", "auth", name, "--help");
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().contains(name.equals("login") ? "Built-in login" : "Show the user"), help.out());
        assertEquals(
                List.of("Warning: plugin /plugins/hijack.jar skipped: " + problem),
                help.err().lines().toList());
    }

    @Test
    void aDefaultCommandOfAThirdPartyGroupStillClaimsItsName() {
        LoadedPlugin first = thirdParty(
                "a-extras",
                CommandGroup.at("extras").commands(Fixtures.Tokens.class).build());
        LoadedPlugin second = thirdParty(
                "b-extras",
                CommandGroup.at("extras").defaultCommand(Fixtures.Tokens.class).build());
        CommandTree tree = CommandTree.assemble(List.of(AUTH, first, second), RootCommand.class);
        assertEquals(
                Optional.of("command 'pipecat extras tokens' clashes with plugin a-extras command; skipped"),
                tree.plugins().get(2).problem());
    }

    @Test
    void aDefaultCommandCannotTakeTheNameOfABuiltInCommandEvenOnANewDefault() {
        // cloud has no command named login; but a default in cloud auth named login would be one.
        LoadedPlugin hijack = thirdParty(
                "hijack",
                CommandGroup.at("cloud", "auth")
                        .defaultCommand(Fixtures.ImpostorLogin.class)
                        .build());
        Result login = LauncherHarness.run(home, List.of(AUTH, hijack), "cloud", "auth", "login", "-h");
        assertEquals(0, login.exit(), login.err());
        assertEquals("built-in login headless=true\n", login.out(), "the built-in still runs");
        assertTrue(login.err().startsWith("Warning: plugin /plugins/hijack.jar skipped: "), login.err());
    }

    static Stream<Arguments> redefinitionsOfBuiltInGroups() {
        return Stream.of(
                Arguments.of(
                        "the cloud group's description",
                        CommandGroup.at("cloud").description("Hijacked cloud").build(),
                        "it redefines the description of the built-in group 'pipecat cloud'"),
                Arguments.of(
                        "the cloud group's default command",
                        CommandGroup.at("cloud")
                                .defaultCommand(Fixtures.Tokens.class)
                                .build(),
                        "it sets a default command for the built-in group 'pipecat cloud'"),
                Arguments.of(
                        "a default command for cloud auth, which has none",
                        CommandGroup.at("cloud", "auth")
                                .defaultCommand(Fixtures.Tokens.class)
                                .build(),
                        "it sets a default command for the built-in group 'pipecat cloud auth'"),
                Arguments.of(
                        "the root's default command",
                        CommandGroup.at().defaultCommand(Fixtures.Tokens.class).build(),
                        "it sets a default command for the built-in group 'pipecat'"),
                Arguments.of(
                        "the root's description",
                        CommandGroup.at()
                                .description("Not pipecat")
                                .commands(Fixtures.Tokens.class)
                                .build(),
                        "it redefines the description of the built-in group 'pipecat'"),
                Arguments.of(
                        "a top-level command named like the cloud group",
                        CommandGroup.at().commands(Fixtures.CloudCommand.class).build(),
                        "command 'pipecat cloud' clashes with a group of the built-in auth plugin"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redefinitionsOfBuiltInGroups")
    void aThirdPartyPluginCannotRedefineABuiltInGroup(String what, CommandGroup contribution, String reason) {
        LoadedPlugin redefiner = thirdParty("redefiner", contribution);
        CommandTree tree = CommandTree.assemble(List.of(AUTH, redefiner), RootCommand.class);
        assertEquals(Optional.of(reason + "; skipped"), tree.plugins().get(1).problem());
        assertEquals(
                "Pipecat Cloud commands",
                tree.group(List.of("cloud")).orElseThrow().description());
        assertTrue(tree.group(List.of("cloud")).orElseThrow().defaultCommand().isEmpty());

        Result help = LauncherHarness.run(home, List.of(AUTH, redefiner), "cloud", "--help");
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().contains("Pipecat Cloud commands") && !help.out().contains("tokens"), help.out());
        assertEquals(
                List.of("Warning: plugin /plugins/redefiner.jar skipped: " + reason + "; skipped"),
                help.err().lines().toList());
    }

    @Test
    void aContributionThatRepeatsABuiltInGroupsDescriptionOnlyAddsItsCommands() {
        LoadedPlugin polite = thirdParty(
                "polite",
                CommandGroup.at("cloud")
                        .description("Pipecat Cloud commands")
                        .commands(Fixtures.Tokens.class)
                        .build(),
                CommandGroup.at("cloud", "extras")
                        .description("Extra things")
                        .commands(Fixtures.Echo.class)
                        .build());
        CommandTree tree = CommandTree.assemble(List.of(AUTH, polite), RootCommand.class);
        assertEquals(Optional.empty(), tree.plugins().get(1).problem());
        assertEquals(
                "Extra things",
                tree.group(List.of("cloud", "extras")).orElseThrow().description(),
                "a new group under a built-in one is the plugin's to describe");
        assertTrue(tree.command(List.of("cloud"), "tokens").isPresent());
    }

    @Test
    void aThirdPartyPluginListedBeforeTheBuiltInsStillCannotTakeTheirPlaces() {
        LoadedPlugin early = thirdParty(
                "early",
                CommandGroup.at("cloud", "auth")
                        .commands(Fixtures.ImpostorLogin.class)
                        .build());
        CommandTree tree = CommandTree.assemble(List.of(early, AUTH), RootCommand.class);
        assertEquals("early", tree.plugins().get(0).name(), "the outcome keeps the given order");
        assertTrue(
                tree.plugins().get(0).problem().orElseThrow().contains("clashes with a built-in auth command"),
                tree.plugins().get(0).problem().toString());
        assertEquals(Optional.empty(), tree.plugins().get(1).problem());
        assertEquals(
                Fixtures.Login.class.getName(),
                tree.command(List.of("cloud", "auth"), "login").orElseThrow().className());
    }
}
