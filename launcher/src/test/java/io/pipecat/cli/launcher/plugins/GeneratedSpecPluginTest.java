package io.pipecat.cli.launcher.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.context.CliIO;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.core.internal.CliVersion;
import io.pipecat.cli.launcher.PipecatLauncher;
import io.pipecat.cli.launcher.tree.CommandSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A third-party plugin jar compiled here with javac, as its author would: what the launcher shows
 * for its commands is the spec the command-spec processor (shipped in pipecat-core) wrote into
 * the jar, stored in the plugin index; a jar built without the processor is skipped with the fix.
 */
class GeneratedSpecPluginTest {
    @TempDir
    Path home;

    private Path plugins;
    private Environment env;

    @BeforeEach
    void setUp() {
        plugins = home.resolve("plugins");
        env = Environment.of(Map.of("HOME", home.toString(), "PIPECAT_PLUGIN_PATH", plugins.toString()));
    }

    @ParameterizedTest
    @EnumSource(
            value = TinyPluginJar.Processor.class,
            names = {"PROCESSOR_PATH", "PROCESSOR_MODULE_PATH"})
    void javacRunsTheProcessorFromCoreWithEitherSetUp(TinyPluginJar.Processor setUp) throws Exception {
        Path jar = TinyPluginJar.build(plugins, home.resolve("build"), setUp, s -> s);
        String spec;
        try (JarFile file = new JarFile(jar.toFile())) {
            spec = new String(
                    file.getInputStream(file.getEntry(TinyPluginJar.PING_SPEC)).readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals("""
                pipecat-command-spec\t1
                class\ttiny.Ping
                command\tping\tfalse\tPrint pong
                option\t0\tfalse\tloud\tShout\t--loud
                option\t0\tfalse\thelp\tShow help for this command\t--help
                option\t0\ttrue\tverbose\tPrint stack traces of errors\t--verbose
                """, spec);
        Result help = run("tiny", "ping", "--help");
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().startsWith("Print pong\n\nUSAGE\n  pipecat tiny ping [flags]\n"), help.out());
    }

    @Test
    void helpShowsWhatTheGeneratedSpecSaysAndTheIndexKeepsIt() throws Exception {
        Path jar = TinyPluginJar.build(
                plugins,
                home.resolve("build"),
                TinyPluginJar.Processor.PROCESSOR_PATH,
                s -> s.replace("Print pong", "Print pong, as the spec says").replace("\tShout\t", "\tShout it\t"));

        int before = PluginDiscovery.JAR_LOADS.get();
        Result first = run("tiny", "--help");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("  ping   Print pong, as the spec says\n"), first.out());
        assertEquals(before + 1, PluginDiscovery.JAR_LOADS.get(), "a new jar is read once");

        PluginIndex.Entry entry = PluginIndex.load(home.resolve(".cache/pipecat-cli/plugin-index"), CliVersion.get())
                .lookup(PluginIndex.Key.of(jar).orElseThrow())
                .orElseThrow();
        CommandSpec stored = entry.groups().get(0).commands().get(0);
        assertEquals("Print pong, as the spec says", stored.description());
        assertEquals("tiny.Ping", stored.className());
        assertEquals(List.of("--loud"), stored.options().get(0).names());

        Result again = run("tiny", "ping", "--help");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().startsWith("Print pong, as the spec says\n"), again.out());
        assertTrue(again.out().contains("  --loud   Shout it\n"), again.out());
        assertEquals(before + 1, PluginDiscovery.JAR_LOADS.get(), "help of an indexed jar does not open it");
    }

    @Test
    void aJarBuiltWithoutTheProcessorIsSkippedAndTheMessageNamesTheFix() throws Exception {
        Path jar = TinyPluginJar.build(plugins, home.resolve("build"), TinyPluginJar.Processor.NONE, s -> s);

        Result help = run("--help");
        assertEquals(0, help.exit());
        assertEquals(
                "Warning: plugin " + jar + " skipped: command class tiny.Ping has no generated spec"
                        + " (META-INF/pipecat/commands/tiny.Ping.spec): it must carry @Command and be compiled with"
                        + " pipecat-core on the annotation processor path\n",
                help.err());
        assertTrue(!help.out().contains("tiny"), help.out());

        Result ping = run("tiny", "ping");
        assertEquals(2, ping.exit(), "unknown command: the plugin is not in the tree");
        assertEquals(
                Optional.of(true),
                PluginDiscovery.discover(env).stream()
                        .filter(p -> !p.source().builtIn())
                        .findFirst()
                        .map(p -> p.problem().isPresent()));
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
