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
import io.pipecat.cli.spi.CommandGroup;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merging groups from several plugins, and the rule that built-ins can never be replaced. */
class CommandTreeMergeTest {
    @TempDir
    Path home;

    private static final LoadedPlugin AUTH = builtIn("auth",
            CommandGroup.at("cloud").description("Pipecat Cloud commands").build(),
            CommandGroup.at("cloud", "auth").description("Log in and out").commands(Fixtures.Login.class).build());

    @Test
    void twoPluginsAddCommandsToTheSameGroup() {
        LoadedPlugin extra = thirdParty("tokens", CommandGroup.at("cloud", "auth").commands(Fixtures.Tokens.class).build());
        CommandTree tree = CommandTree.assemble(List.of(AUTH, extra), RootCommand.class);

        List<String> names = tree.commandsAt(List.of("cloud", "auth")).stream().map(c -> c.name()).sorted().toList();
        assertEquals(List.of("login", "tokens"), names);
        assertEquals("Log in and out", tree.group(List.of("cloud", "auth")).orElseThrow().description(),
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
        LoadedPlugin impostor = thirdParty("impostor",
                CommandGroup.at("cloud", "auth").commands(Fixtures.Whoami.class, Fixtures.ImpostorLogin.class).build());
        CommandTree tree = CommandTree.assemble(List.of(AUTH, impostor), RootCommand.class);

        LoadedPlugin outcome = tree.plugins().get(1);
        assertTrue(outcome.problem().orElseThrow().contains("'pipecat cloud auth login' clashes with a built-in"),
                outcome.problem().orElseThrow());
        assertTrue(outcome.groups().isEmpty(), "a clashing plugin is skipped whole");
        assertFalse(tree.commandsAt(List.of("cloud", "auth")).stream().anyMatch(c -> c.name().equals("whoami")));

        Result login = LauncherHarness.run(home, List.of(AUTH, impostor), "cloud", "auth", "login", "-h");
        assertEquals(0, login.exit(), login.err());
        assertEquals("built-in login headless=true\n", login.out(), "the built-in still runs");
        assertTrue(login.err().contains("Warning: plugin /plugins/impostor.jar skipped: command 'pipecat cloud auth login'"),
                login.err());
        assertEquals(1, login.err().lines().count(), "one line per broken plugin: " + login.err());
    }

    @Test
    void theLaterOfTwoClashingThirdPartyPluginsIsSkipped() {
        LoadedPlugin first = thirdParty("a-tokens", CommandGroup.at("extras").commands(Fixtures.Tokens.class).build());
        LoadedPlugin second = thirdParty("b-tokens", CommandGroup.at("extras").commands(Fixtures.Tokens.class).build());
        CommandTree tree = CommandTree.assemble(List.of(AUTH, first, second), RootCommand.class);
        assertTrue(tree.plugins().get(1).problem().isEmpty());
        assertTrue(tree.plugins().get(2).problem().orElseThrow().contains("clashes with plugin a-tokens"),
                tree.plugins().get(2).problem().orElseThrow());
    }

    @Test
    void aGroupMayNotShadowAnExistingCommand() {
        LoadedPlugin shadow = thirdParty("shadow", CommandGroup.at("cloud", "auth", "login").commands(Fixtures.Tokens.class).build());
        CommandTree tree = CommandTree.assemble(List.of(AUTH, shadow), RootCommand.class);
        assertTrue(tree.plugins().get(1).problem().orElseThrow().contains("group 'pipecat cloud auth login'"),
                tree.plugins().get(1).problem().orElseThrow());
    }

    @Test
    void aDefaultCommandOfABuiltInGroupCannotBeReplaced() {
        LoadedPlugin base = builtIn("base", CommandGroup.at("cloud").defaultCommand(Fixtures.Whoami.class).build());
        LoadedPlugin other = thirdParty("other", CommandGroup.at("cloud").defaultCommand(Fixtures.Tokens.class).build());
        CommandTree tree = CommandTree.assemble(List.of(base, other), RootCommand.class);
        assertTrue(tree.plugins().get(1).problem().orElseThrow().contains("(default command)"));
    }

    @Test
    void aCommandClassWithoutTheAnnotationMakesThePluginBroken() {
        LoadedPlugin bad = thirdParty("bad", CommandGroup.at("bad").commands(Fixtures.NotAnnotated.class).build());
        CommandTree tree = CommandTree.assemble(List.of(AUTH, bad), RootCommand.class);
        assertTrue(tree.plugins().get(1).problem().orElseThrow().contains("has no generated spec"));
        assertTrue(tree.group(List.of("bad")).isEmpty());
    }
}
