package io.pipecat.cli.launcher.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.context.CliIO;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.core.internal.CliVersion;
import io.pipecat.cli.launcher.PipecatLauncher;
import io.pipecat.cli.launcher.tree.ArgumentsSpec;
import io.pipecat.cli.launcher.tree.CommandSpec;
import io.pipecat.cli.launcher.tree.GroupSpec;
import io.pipecat.cli.launcher.tree.OptionSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin index: what it stores, when it is trusted, and that a hit never opens the jar. */
class PluginIndexTest {
    @TempDir
    Path home;

    private Path plugins;
    private Environment env;

    @BeforeEach
    void setUp() {
        plugins = home.resolve("plugins");
        env = Environment.of(Map.of("HOME", home.toString(), "PIPECAT_PLUGIN_PATH", plugins.toString()));
    }

    private Path indexFile() {
        return home.resolve(".cache/pipecat-cli/plugin-index");
    }

    /** @return the third-party plugins discovered, and how many jars were opened doing it */
    private record Discovery(List<LoadedPlugin> jars, int loads) {
        LoadedPlugin only() {
            assertEquals(1, jars.size(), jars.toString());
            return jars.get(0);
        }
    }

    private Discovery discover() {
        int before = PluginDiscovery.JAR_LOADS.get();
        List<LoadedPlugin> found = PluginDiscovery.discover(env).stream()
                .filter(p -> !p.source().builtIn())
                .toList();
        return new Discovery(found, PluginDiscovery.JAR_LOADS.get() - before);
    }

    @Test
    void roundTripKeepsEverything() throws Exception {
        CommandSpec command = new CommandSpec(
                "go",
                "Go somewhere",
                true,
                List.of(
                        new OptionSpec(List.of("-f", "--fast"), "fast", 0, "Quickly", false),
                        new OptionSpec(List.of("--to"), "PLACE", 2, "Where \u00e9\u2603", true)),
                Optional.of(new ArgumentsSpec(List.of("A", "B"), "Things", true)),
                "x.Go");
        CommandSpec plain = new CommandSpec("stay", "", false, List.of(), Optional.empty(), "x.Stay");
        List<GroupSpec> groups = List.of(
                new GroupSpec(List.of("a", "b"), "Group", Optional.of(plain), List.of(command)),
                new GroupSpec(List.of(), "", Optional.empty(), List.of(plain)));
        Path jar = Files.writeString(home.resolve("x.jar"), "jar");
        PluginIndex.Key key = PluginIndex.Key.of(jar).orElseThrow();

        PluginIndex index = PluginIndex.load(indexFile(), "1.2.3");
        index.put(key, new LoadedPlugin("x", "9", PluginSource.jar(jar), groups, Optional.empty(), c -> null));
        Path broken = Files.writeString(home.resolve("broken.jar"), "broken");
        PluginIndex.Key brokenKey = PluginIndex.Key.of(broken).orElseThrow();
        index.put(brokenKey, LoadedPlugin.broken("broken.jar", PluginSource.jar(broken), "zip END header not found"));
        assertTrue(index.save());
        assertFalse(index.save(), "nothing changed: not written again");

        PluginIndex again = PluginIndex.load(indexFile(), "1.2.3");
        PluginIndex.Entry entry = again.lookup(key).orElseThrow();
        assertEquals(
                new PluginIndex.Entry(key, "x", "9", Optional.empty(), groups, LoadedPlugin.Details.UNKNOWN), entry);
        assertEquals(
                Optional.of("zip END header not found"),
                again.lookup(brokenKey).orElseThrow().problem());

        assertTrue(PluginIndex.load(indexFile(), "1.2.4").lookup(key).isEmpty(), "another CLI version: ignored");
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        assertTrue(again.lookup(PluginIndex.Key.of(jar).orElseThrow()).isEmpty(), "another mtime: not the same jar");
        Files.writeString(jar, "jar, longer");
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 5_000));
        assertTrue(again.lookup(PluginIndex.Key.of(jar).orElseThrow()).isEmpty(), "another size: not the same jar");
    }

    @Test
    void aCacheHitDoesNotOpenTheJar() throws Exception {
        Path jar = TinyPluginJar.build(plugins, home.resolve("build"));

        Discovery first = discover();
        assertEquals(1, first.loads(), "a miss loads the jar");
        assertEquals(Optional.empty(), first.only().problem());
        assertTrue(Files.isRegularFile(indexFile()));

        Discovery second = discover();
        assertEquals(0, second.loads(), "a hit does not load the jar");
        assertEquals(first.only().groups(), second.only().groups());
        assertEquals("tiny", second.only().name());
        assertEquals("0.0.1", second.only().version());

        // Proof that the jar is not even read: same size and mtime, but garbage inside.
        FileTime modified = Files.getLastModifiedTime(jar);
        byte[] garbage = new byte[(int) Files.size(jar)];
        Files.write(jar, garbage);
        Files.setLastModifiedTime(jar, modified);
        Discovery third = discover();
        assertEquals(0, third.loads());
        assertEquals(Optional.empty(), third.only().problem(), "served from the index");

        // A new mtime: the jar is read again (and now found broken).
        Files.setLastModifiedTime(jar, FileTime.fromMillis(modified.toMillis() + 5_000));
        Discovery fourth = discover();
        assertEquals(1, fourth.loads());
        assertTrue(fourth.only().problem().isPresent(), fourth.only().toString());
    }

    @Test
    void aChangedJarIsReadAgain() throws Exception {
        Path jar = TinyPluginJar.build(plugins, home.resolve("build"));
        discover();
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        Discovery again = discover();
        assertEquals(1, again.loads());
        assertEquals(Optional.empty(), again.only().problem());
        assertEquals(0, discover().loads(), "and cached again");
    }

    @Test
    void aBrokenJarIsReportedOnEveryRunWithoutBeingReread() throws Exception {
        Files.createDirectories(plugins);
        Files.writeString(plugins.resolve("garbage.jar"), "this is not a jar\n");
        Discovery first = discover();
        Discovery second = discover();
        assertEquals(1, first.loads());
        assertEquals(0, second.loads());
        assertTrue(first.only().problem().isPresent());
        assertEquals(
                first.only().problem().get() + " (cached; run `pipecat plugins list --refresh` to retry)",
                second.only().problem().orElseThrow(),
                "the message says the failure comes from the cache");
        assertEquals("garbage.jar", second.only().name());

        Result help = run("--help");
        assertEquals(0, help.exit());
        assertEquals(
                "Warning: plugin " + plugins.resolve("garbage.jar") + " skipped: "
                        + second.only().problem().get() + "\n",
                help.err());
    }

    @Test
    void aCorruptOrForeignIndexIsIgnoredAndRebuilt() throws Exception {
        TinyPluginJar.build(plugins, home.resolve("build"));
        for (byte[] content : List.of(new byte[0], "garbage".getBytes(StandardCharsets.UTF_8), new byte[] {
            0x50, 0x43, 0x50, 0x49, 0, 0, 0, 1, 0x7f
        })) {
            Files.createDirectories(indexFile().getParent());
            Files.write(indexFile(), content);
            Discovery found = discover();
            assertEquals(1, found.loads());
            assertEquals(Optional.empty(), found.only().problem());
            assertEquals(0, discover().loads(), "rebuilt");
        }
        // Truncated: a valid index cut short.
        byte[] valid = Files.readAllBytes(indexFile());
        Files.write(indexFile(), java.util.Arrays.copyOf(valid, valid.length - 7));
        assertEquals(1, discover().loads());
        // Another CLI version's index.
        PluginIndex foreign = PluginIndex.load(home.resolve("other"), CliVersion.get() + "-other");
        foreign.put(
                PluginIndex.Key.of(plugins.resolve("tiny-plugin.jar")).orElseThrow(),
                LoadedPlugin.broken("tiny-plugin.jar", PluginSource.jar(plugins.resolve("tiny-plugin.jar")), "stale"));
        foreign.save();
        Files.copy(home.resolve("other"), indexFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Discovery afterForeign = discover();
        assertEquals(1, afterForeign.loads());
        assertEquals(Optional.empty(), afterForeign.only().problem());
    }

    @Test
    void xdgCacheHomeIsHonoured() {
        Environment xdg = Environment.of(Map.of("HOME", home.toString(), "XDG_CACHE_HOME", "/var/cache/me"));
        assertEquals(Path.of("/var/cache/me/pipecat-cli/plugin-index"), PluginIndex.location(xdg));
        assertEquals(indexFile(), PluginIndex.location(env));
        Environment relative = Environment.of(Map.of("HOME", home.toString(), "XDG_CACHE_HOME", "relative"));
        assertEquals(indexFile(), PluginIndex.location(relative), "a relative XDG path is ignored, as the spec says");
    }

    @Test
    void aCachedPluginsCommandRunsAndLoadsItsJarOnlyThen() throws Exception {
        Path jar = TinyPluginJar.build(plugins, home.resolve("build"));
        assertEquals(0, run("tiny", "ping").exit());

        int before = PluginDiscovery.JAR_LOADS.get();
        Result help = run("tiny", "ping", "--help");
        assertEquals(0, help.exit());
        assertTrue(
                help.out().contains("pipecat tiny ping [flags]") && help.out().contains("--loud"), help.out());
        assertEquals(before, PluginDiscovery.JAR_LOADS.get(), "help comes from the index");

        Result ping = run("tiny", "ping", "--loud");
        assertEquals(0, ping.exit(), ping.err());
        assertEquals("PONG\n", ping.out());
        assertEquals(before + 1, PluginDiscovery.JAR_LOADS.get(), "loaded once, to run");

        Result bad = run("tiny", "ping", "--bogus");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().endsWith("(see 'pipecat tiny ping --help')\n"), bad.err());

        // The jar goes bad behind the index's back (same size and mtime): the run fails, exit 1.
        FileTime modified = Files.getLastModifiedTime(jar);
        Files.write(jar, new byte[(int) Files.size(jar)]);
        Files.setLastModifiedTime(jar, modified);
        Result broken = run("tiny", "ping");
        assertEquals(1, broken.exit());
        assertEquals(1, broken.err().lines().count(), broken.err());
        assertTrue(broken.err().startsWith("Error: plugin " + jar + " cannot be loaded: "), broken.err());

        Discovery next = discover();
        assertEquals(1, next.loads(), "the failed entry was dropped: the jar is read again");
        assertTrue(next.only().problem().isPresent(), next.only().toString());
        Result helpAfter = run("--help");
        assertTrue(helpAfter.err().startsWith("Warning: plugin " + jar + " skipped: "), helpAfter.err());
    }

    private record Result(int exit, String out, String err) {}

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliIO io = CliIO.of(
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = PipecatLauncher.run(io, env.asMap(), args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
