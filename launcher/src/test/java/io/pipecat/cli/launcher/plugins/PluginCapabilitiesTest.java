package io.pipecat.cli.launcher.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.context.CliIO;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.launcher.PipecatLauncher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A third-party plugin gets capabilities, not secrets: compiled here with javac as its author
 * would, it cannot name the credential broker, the stored tokens, the store SPI or the config file,
 * cannot reach them by reflection when run, and cannot take the name of a module the core trusts.
 */
class PluginCapabilitiesTest {
    @TempDir
    Path home;

    private Path plugins;
    private Environment env;

    @BeforeEach
    void setUp() {
        plugins = home.resolve("plugins");
        env = Environment.of(Map.of("HOME", home.toString(), "PIPECAT_PLUGIN_PATH", plugins.toString()));
    }

    /** One command body per attempt; each must fail to compile with javac's own reason. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "the raw tokens through the context | context.credentials().stored().get().token() | cannot find symbol",
                "the config file through the context | context.configFile().path() | cannot find symbol",
                "the config document through the settings | context.settings().document() | cannot find symbol",
                "the broker through the auth capability | io.pipecat.cli.credentials.AuthCapabilities.broker(context).stored()"
                        + " | package io.pipecat.cli.credentials is not visible",
                "the stored credentials record | new io.pipecat.cli.credentials.store.Credentials(\"t\", \"r\", 0).token()"
                        + " | package io.pipecat.cli.credentials.store is not visible",
                "the TOML file layer | new io.pipecat.cli.config.ConfigFile(java.nio.file.Path.of(\"x\"), w -> { }).read()"
                        + " | package io.pipecat.cli.config is not visible",
            })
    void aThirdPartyPluginCannotCompileAgainstSecrets(String what, String expression, String diagnostic)
            throws Exception {
        TinyPluginJar.Javac javac = TinyPluginJar.tryCompile(
                home.resolve("build"),
                evilPlugin("evil.plugin", "Object stolen = " + expression + ";\ncontext.io().out().println(stolen);"));
        assertNotEquals(0, javac.exit(), what + " must not compile:\n" + javac.diagnostics());
        assertTrue(javac.diagnostics().contains(diagnostic), javac.diagnostics());
    }

    @Test
    void reflectionFromAThirdPartyPluginIsRefused() throws Exception {
        TinyPluginJar.compile(plugins, home.resolve("build"), "evil.jar", evilPlugin("evil.plugin", """
                attempt(context, "capability", () -> Class.forName("io.pipecat.cli.credentials.AuthCapabilities")
                        .getMethod("broker", io.pipecat.cli.context.CommandContext.class).invoke(null, context));
                attempt(context, "context", () -> context.getClass().getMethod("broker").invoke(context));
                attempt(context, "opened", () -> {
                    java.lang.reflect.Method broker = context.getClass().getMethod("broker");
                    broker.setAccessible(true);
                    return broker.invoke(context);
                });
                attempt(context, "config", () -> Class.forName("io.pipecat.cli.config.ConfigFile")
                        .getConstructor(java.nio.file.Path.class, java.util.function.Consumer.class)
                        .newInstance(java.nio.file.Path.of("x"), (java.util.function.Consumer<String>) w -> { }));
                """));

        Result r = run("evil", "steal");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("""
                capability: IllegalAccessException
                context: IllegalAccessException
                opened: InaccessibleObjectException
                config: IllegalAccessException
                """, r.out());
    }

    @Test
    void aPluginNamedLikeTheAuthPluginIsRefused() throws Exception {
        Map<String, String> sources = new HashMap<>(TinyPluginJar.TINY);
        sources.put(
                "module-info.java",
                TinyPluginJar.TINY.get("module-info.java").replace("tiny.plugin", "io.pipecat.cli.auth"));
        Path jar = TinyPluginJar.compile(plugins, home.resolve("build"), "tiny-plugin.jar", sources);

        Result help = run("--help");
        assertEquals(0, help.exit(), help.toString());
        assertEquals(
                "Warning: plugin " + jar + " skipped: module io.pipecat.cli.auth is named like a module of the CLI"
                        + " itself (io.pipecat.cli.*); a third-party plugin needs a name of its own\n",
                help.err());
        assertFalse(help.out().contains("tiny"), help.out());
        assertEquals(2, run("tiny", "ping").exit(), "its commands are not in the tree");
    }

    @Test
    void aPluginThatRequiresTheLauncherIsRefused() throws Exception {
        // The launcher's in-process entry point runs any command with a context of the caller's
        // making: a plugin could run the auth commands and read what they print.
        Map<String, String> sources = new HashMap<>(TinyPluginJar.TINY);
        sources.put(
                "module-info.java",
                TinyPluginJar.TINY
                        .get("module-info.java")
                        .replace(
                                "requires io.pipecat.cli.core;",
                                "requires io.pipecat.cli.core; requires io.pipecat.cli.launcher;"));
        Path jar = TinyPluginJar.compile(plugins, home.resolve("build"), "tiny-plugin.jar", sources);

        Result help = run("--help");
        assertEquals(0, help.exit(), help.toString());
        assertEquals(
                "Warning: plugin " + jar + " skipped: module tiny.plugin requires io.pipecat.cli.launcher; a plugin"
                        + " may require only io.pipecat.cli.core of the CLI's modules\n",
                help.err());
        assertEquals(2, run("tiny", "ping").exit(), "its commands are not in the tree");
    }

    @Test
    void theSamePluginUnderItsOwnNameLoads() throws Exception {
        TinyPluginJar.build(plugins, home.resolve("build"));
        Result ping = run("tiny", "ping");
        assertEquals(0, ping.exit(), ping.toString());
        assertEquals("pong\n", ping.out());
    }

    /** A plugin with one command, {@code evil steal}, whose body is {@code body}. */
    private static Map<String, String> evilPlugin(String module, String body) {
        return Map.of(
                "module-info.java", """
                module %s {
                    requires io.pipecat.cli.core;
                    provides io.pipecat.cli.spi.CommandGroupProvider with evil.Evil;
                    opens evil to com.github.rvesse.airline;
                }""".formatted(module),
                "evil/Evil.java", """
                package evil;
                import io.pipecat.cli.spi.CommandGroup;
                public class Evil implements io.pipecat.cli.spi.CommandGroupProvider {
                    public String name() { return "evil"; }
                    public String version() { return "0.0.1"; }
                    public java.util.List<CommandGroup> groups() {
                        return java.util.List.of(CommandGroup.at("evil").description("Tries to take the tokens").commands(Steal.class).build());
                    }
                }""",
                "evil/Steal.java", """
                package evil;
                import com.github.rvesse.airline.annotations.Command;
                import io.pipecat.cli.context.CommandContext;
                @Command(name = "steal", description = "Try to reach the tokens")
                public class Steal extends io.pipecat.cli.spi.CliCommand {
                    interface Attempt { Object run() throws Exception; }

                    static void attempt(CommandContext context, String name, Attempt attempt) {
                        try {
                            context.io().out().println(name + ": got " + attempt.run());
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            context.io().out().println(name + ": " + e.getCause().getClass().getSimpleName());
                        } catch (Exception e) {
                            context.io().out().println(name + ": " + e.getClass().getSimpleName());
                        }
                    }

                    @Override public void run(CommandContext context) {
                %s
                    }
                }""".formatted(body));
    }

    private record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

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
