package io.pipecat.cli.launcher.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipecat.cli.context.CliIO;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.launcher.PipecatLauncher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code plugins install <jar | folder>}, {@code link}, {@code uninstall}: through the real
 * launcher, against real plugin jars in a temporary plugin folder.
 */
class PluginInstallerTest {
    @TempDir
    Path home;

    Path plugins;
    Path work;

    record Run(int code, String out, String err) {}

    @BeforeEach
    void setUp() throws IOException {
        plugins = home.resolve("plugins");
        work = Files.createDirectories(home.resolve("work"));
    }

    private Map<String, String> env() {
        return Map.of(
                "HOME",
                home.toString(),
                "PIPECAT_PLUGIN_PATH",
                plugins.toString(),
                "XDG_CACHE_HOME",
                home.resolve("cache").toString(),
                "PIPECAT_CONFIG_PATH",
                home.resolve("pipecatcloud.toml").toString());
    }

    private Run run(String... args) {
        return run(env(), args);
    }

    private Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PipecatLauncher.run(
                new CliIO(
                        new ByteArrayInputStream(new byte[0]),
                        new PrintStream(out, true),
                        new PrintStream(err, true),
                        false,
                        false,
                        false),
                env,
                args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Every file under the plugin folder with its content hash: "the state". */
    private Map<String, String> state() throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(plugins)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(plugins)) {
            for (Path p : walk.filter(p -> !p.equals(plugins)).toList()) {
                files.put(plugins.relativize(p).toString(), Files.isRegularFile(p) ? PluginInstaller.sha256(p) : "dir");
            }
        }
        return files;
    }

    private JsonNode manifest() throws IOException {
        return new ObjectMapper().readTree(plugins.resolve("plugins.json").toFile());
    }

    @Test
    void installingAJarCopiesItRecordsItAndItsCommandRuns() throws IOException {
        Path jar = GreetPlugin.standalone(work.resolve("dist"), work, "1.0.0");

        Run install = run("plugins", "install", jar.toString());

        assertEquals(0, install.code(), install.toString());
        assertTrue(install.out().contains("Installed plugin greet 1.0.0"), install.out());
        Path installed = plugins.resolve("greet.jar");
        assertEquals(PluginInstaller.sha256(jar), PluginInstaller.sha256(installed));
        JsonNode entry = manifest().get("plugins").get(0);
        assertEquals("greet", entry.get("name").asText());
        assertEquals("jar", entry.get("source").asText());
        assertEquals("1.0.0", entry.get("version").asText());
        assertEquals("greet.jar", entry.get("files").get(0).get("path").asText());
        assertEquals(
                PluginInstaller.sha256(jar),
                entry.get("files").get(0).get("sha256").asText());
        Run hello = run("greet", "hello");
        assertEquals(0, hello.code(), hello.toString());
        assertEquals("hello from greet 1.0.0\n", hello.out());
        try (Stream<Path> list = Files.list(plugins)) {
            assertTrue(list.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no staging folder left");
        }
    }

    @Test
    void installingAFolderKeepsThePluginWithItsLibraryAsOneEntry() throws IOException {
        Path target = work.resolve("target");
        Path lib = GreetPlugin.library(target, work, "2.1.0");
        GreetPlugin.plugin(target, work, "2.1.0", lib);

        Run install = run("plugins", "install", target.toString());

        assertEquals(0, install.code(), install.toString());
        // The version comes from the library: the check loaded both jars as one plugin.
        assertTrue(install.out().contains("Installed plugin greet 2.1.0"), install.out());
        assertTrue(Files.isRegularFile(plugins.resolve("greet/greet-lib-2.1.0.jar")));
        assertTrue(Files.isRegularFile(plugins.resolve("greet/greet-plugin-2.1.0.jar")));
        JsonNode entry = manifest().get("plugins").get(0);
        assertEquals("folder", entry.get("source").asText());
        assertEquals("greet", entry.get("entry").asText());
        assertEquals(2, entry.get("files").size());
    }

    @Test
    void aJarThatIsNotAPluginIsRefusedAndNothingIsInstalled() throws IOException {
        Path jar = GreetPlugin.notAPlugin(work.resolve("dist"), work);

        Run install = run("plugins", "install", jar.toString());

        assertEquals(1, install.code(), install.toString());
        assertTrue(
                install.err().contains("is not a working plugin")
                        && install.err().contains("Nothing was installed"),
                install.err());
        assertEquals(Map.of(), state(), "nothing in the plugin folder, not even a staging folder");
    }

    @ParameterizedTest
    @EnumSource(PluginInstaller.Step.class)
    void aFailureAtAnyStepOfAReinstallLeavesThePreviousVersion(PluginInstaller.Step failing) throws IOException {
        Path v1 = GreetPlugin.standalone(work.resolve("v1"), work, "1.0.0");
        Path v2 = GreetPlugin.standalone(work.resolve("v2"), work, "2.0.0");
        assertEquals(0, run("plugins", "install", v1.toString()).code());
        Map<String, String> before = state();

        PluginInstaller installer = new PluginInstaller(
                plugins,
                Environment.of(env()),
                CliIO.of(
                        new ByteArrayInputStream(new byte[0]),
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(new ByteArrayOutputStream())),
                Clock.systemUTC(),
                () -> {
                    throw new AssertionError("no resolver");
                },
                step -> {
                    if (step == failing) {
                        throw new IOException("interrupted after " + step);
                    }
                });
        CliException failure = assertThrows(CliException.class, () -> installer.install(v2.toString()));

        assertTrue(failure.getMessage().contains("interrupted after " + failing), failure.getMessage());
        assertEquals(before, state(), "the plugin folder is exactly as before");
        assertEquals("hello from greet 1.0.0\n", run("greet", "hello").out());
    }

    @Test
    void reinstallingReplacesTheOldVersion() throws IOException {
        assertEquals(
                0,
                run(
                                "plugins",
                                "install",
                                GreetPlugin.standalone(work.resolve("v1"), work, "1.0.0")
                                        .toString())
                        .code());
        Run again = run(
                "plugins",
                "install",
                GreetPlugin.standalone(work.resolve("v2"), work, "2.0.0").toString());

        assertEquals(0, again.code(), again.toString());
        assertEquals("hello from greet 2.0.0\n", run("greet", "hello").out());
        assertEquals(1, manifest().get("plugins").size());
        assertEquals("2.0.0", manifest().get("plugins").get(0).get("version").asText());
    }

    @Test
    void aJarPutThereByHandIsNeverReplacedOrRemoved() throws IOException {
        Files.createDirectories(plugins);
        Path byHand =
                Files.copy(GreetPlugin.standalone(work.resolve("v1"), work, "1.0.0"), plugins.resolve("greet.jar"));
        Map<String, String> before = state();

        Run install = run(
                "plugins",
                "install",
                GreetPlugin.standalone(work.resolve("v2"), work, "2.0.0").toString());
        Run uninstall = run("plugins", "uninstall", "greet");

        assertEquals(1, install.code(), install.toString());
        assertTrue(
                install.err().contains(byHand + " is already there and was not installed by pipecat"), install.err());
        assertEquals(2, uninstall.code(), uninstall.toString());
        assertTrue(uninstall.err().contains("put there by hand"), uninstall.err());
        assertEquals(before, state());
    }

    @Test
    void uninstallRemovesExactlyWhatTheManifestOwns() throws IOException {
        Path target = work.resolve("target");
        GreetPlugin.plugin(target, work, "2.1.0", GreetPlugin.library(target, work, "2.1.0"));
        assertEquals(0, run("plugins", "install", target.toString()).code());
        Path other = Files.copy(GreetPlugin.notAPlugin(work.resolve("x"), work), plugins.resolve("other.jar"));

        Run uninstall = run("plugins", "uninstall", "greet");

        assertEquals(0, uninstall.code(), uninstall.toString());
        assertEquals(
                Map.of(
                        "other.jar",
                        PluginInstaller.sha256(other),
                        "plugins.json",
                        PluginInstaller.sha256(plugins.resolve("plugins.json"))),
                state());
        assertEquals(0, manifest().get("plugins").size());
        assertEquals(2, run("greet", "hello").code(), "its command is gone");
    }

    @Test
    void uninstallingAnUnknownNameIsAUsageErrorNamingWhatIsInstalled() throws IOException {
        assertEquals(
                0,
                run(
                                "plugins",
                                "install",
                                GreetPlugin.standalone(work.resolve("v1"), work, "1.0.0")
                                        .toString())
                        .code());

        Run uninstall = run("plugins", "uninstall", "nope");

        assertEquals(2, uninstall.code(), uninstall.toString());
        assertTrue(
                uninstall.err().contains("No plugin named nope was installed")
                        && uninstall.err().contains("installed: greet"),
                uninstall.err());
    }

    @Test
    void linkWritesALinkFileAndUninstallNeverTouchesTheLinkedFolder() throws IOException {
        Path target = work.resolve("target");
        GreetPlugin.plugin(target, work, "3.0.0", GreetPlugin.library(target, work, "3.0.0"));

        Run link = run("plugins", "link", target.toString());

        assertEquals(0, link.code(), link.toString());
        assertEquals(target.toAbsolutePath() + "\n", Files.readString(plugins.resolve("greet.link")));
        JsonNode entry = manifest().get("plugins").get(0);
        assertEquals("link", entry.get("source").asText());
        assertEquals(target.toAbsolutePath().toString(), entry.get("origin").asText());

        assertEquals(0, run("plugins", "uninstall", "greet").code());
        assertFalse(Files.exists(plugins.resolve("greet.link")));
        assertTrue(Files.isRegularFile(target.resolve("greet-plugin-3.0.0.jar")), "the linked build output stays");
    }

    @Test
    void upgradeOfAJarInstallSaysToInstallTheNewJar() throws IOException {
        assertEquals(
                0,
                run(
                                "plugins",
                                "install",
                                GreetPlugin.standalone(work.resolve("v1"), work, "1.0.0")
                                        .toString())
                        .code());

        Run upgrade = run("plugins", "upgrade", "greet");

        assertEquals(2, upgrade.code(), upgrade.toString());
        assertTrue(upgrade.err().contains("only plugins installed from Maven coordinates are upgraded"), upgrade.err());
    }

    @Test
    void repositoriesMustBeHttpsFileOrLoopbackHttp() {
        Map<String, String> env = new java.util.HashMap<>(env());
        env.put("PIPECAT_PLUGIN_REPOSITORIES", "http://repo.example.com/maven2");

        Run install = run(env, "plugins", "install", "com.example:greet");

        assertEquals(2, install.code(), install.toString());
        assertTrue(install.err().contains("http: is accepted only for 127.0.0.1, ::1 and localhost"), install.err());
    }

    @Test
    void helpOfTheNewCommandsHasExamplesAndTheGroupListsOneLineEach() {
        for (String command : new String[] {"install", "uninstall", "upgrade", "link"}) {
            Run help = run("plugins", command, "--help");
            assertEquals(0, help.code());
            assertTrue(help.out().contains("EXAMPLES\n  $ pipecat plugins " + command), help.out());
        }
        Run group = run("plugins", "--help");
        assertTrue(group.out().contains("install") && !group.out().contains("EXAMPLES"), group.out());
    }

    @Test
    void downloadProgressIsDrawnOnATerminalOnly() {
        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        ByteArrayOutputStream drawn = new ByteArrayOutputStream();
        for (boolean terminal : new boolean[] {false, true}) {
            PrintStream err = new PrintStream(terminal ? drawn : quiet, true);
            DownloadProgress progress = new DownloadProgress(new CliIO(
                    new ByteArrayInputStream(new byte[0]),
                    new PrintStream(new ByteArrayOutputStream()),
                    err,
                    false,
                    false,
                    terminal));
            progress.transferred("com/example/greet/1.0/greet-1.0.jar", 2048, 4096);
            progress.done("com/example/greet/1.0/greet-1.0.jar", 4096);
        }
        assertEquals("", quiet.toString(StandardCharsets.UTF_8));
        assertTrue(
                drawn.toString(StandardCharsets.UTF_8).contains("Downloaded greet-1.0.jar (4 KB)"), drawn.toString());
    }
}
