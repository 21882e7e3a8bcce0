package io.pipecat.cli.launcher.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.context.CliIO;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.launcher.PipecatLauncher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Plugins that are more than one jar — a folder holding the plugin and its libraries, a build
 * output linked in place — and what the launcher does with their versions: the plugin API they were
 * built for, two copies of one plugin, failures remembered in the index and retried.
 */
class PluginFoldersTest {
    private static final String CACHED = " (cached; run `pipecat plugins list --refresh` to retry)";

    @TempDir
    Path home;

    private Path plugins;
    private Environment env;

    @BeforeEach
    void setUp() {
        plugins = home.resolve("plugins");
        env = Environment.of(Map.of("HOME", home.toString(), "PIPECAT_PLUGIN_PATH", plugins.toString()));
    }

    /** The real commons-lang3 3.14.0 from Maven Central; the CLI itself has 3.20.0 (through airline). */
    private static Path commonsLang3() {
        Path jar = Path.of(System.getProperty("pipecat.test.commonsLang3"));
        assertTrue(Files.isRegularFile(jar), "copied by the launcher's pom: " + jar);
        return jar;
    }

    /** A plugin {@code lang} whose command prints what commons-lang3 made of "hello" and the jar the class came from. */
    private static Map<String, String> langPlugin() {
        return Map.of(
                "module-info.java", """
                module lang.plugin {
                    requires io.pipecat.cli.core;
                    requires org.apache.commons.lang3;
                    provides io.pipecat.cli.spi.CommandGroupProvider with lang.Lang;
                    opens lang to com.github.rvesse.airline;
                }""",
                "lang/Lang.java", """
                package lang;
                import io.pipecat.cli.spi.CommandGroup;
                public class Lang implements io.pipecat.cli.spi.CommandGroupProvider {
                    public String name() { return "lang"; }
                    public java.util.List<CommandGroup> groups() {
                        return java.util.List.of(CommandGroup.at("lang").description("Uses its own library").commands(Where.class).build());
                    }
                }""",
                "lang/Where.java", """
                package lang;
                import com.github.rvesse.airline.annotations.Command;
                import org.apache.commons.lang3.StringUtils;
                @Command(name = "where", description = "Say where commons-lang3 comes from")
                public class Where extends io.pipecat.cli.spi.CliCommand {
                    @Override public void run(io.pipecat.cli.context.CommandContext context) {
                        context.io().out().println(StringUtils.upperCase("hello") + " "
                                + StringUtils.class.getProtectionDomain().getCodeSource().getLocation().getPath());
                    }
                }""");
    }

    /** The tiny plugin (group {@code tiny}, command {@code ping}) printing {@code answer}, as module {@code tiny.plugin}. */
    private static Map<String, String> tiny(String answer) {
        return tiny(answer, "");
    }

    private static Map<String, String> tiny(String answer, String groupsStatement) {
        return Map.of(
                "module-info.java", """
                module tiny.plugin {
                    requires io.pipecat.cli.core;
                    provides io.pipecat.cli.spi.CommandGroupProvider with tiny.Tiny;
                    opens tiny to com.github.rvesse.airline;
                }""",
                "tiny/Tiny.java", """
                package tiny;
                import io.pipecat.cli.spi.CommandGroup;
                public class Tiny implements io.pipecat.cli.spi.CommandGroupProvider {
                    public String name() { return "tiny"; }
                    public java.util.List<CommandGroup> groups() {
                        %s
                        return java.util.List.of(CommandGroup.at("tiny").description("A tiny plugin").commands(Ping.class).build());
                    }
                }""".formatted(groupsStatement),
                "tiny/Ping.java", """
                package tiny;
                import com.github.rvesse.airline.annotations.Command;
                @Command(name = "ping", description = "Print the answer")
                public class Ping extends io.pipecat.cli.spi.CliCommand {
                    @Override public void run(io.pipecat.cli.context.CommandContext context) {
                        context.io().out().println("%s");
                    }
                }""".formatted(answer));
    }

    @Test
    void aFolderPluginUsesItsOwnVersionOfALibraryTheCliAlsoHas() throws Exception {
        Path folder = plugins.resolve("lang");
        Path library =
                Files.copy(commonsLang3(), Files.createDirectories(folder).resolve("commons-lang3-3.14.0.jar"));
        TinyPluginJar.compile(
                folder,
                home.resolve("build"),
                "lang-plugin.jar",
                langPlugin(),
                TinyPluginJar.Build.PLAIN.withModulePathFirst(library));
        // A build that copied every dependency, the plugin API's own modules too: those stay the CLI's.
        Path clisJackson = Path.of(ModuleLayer.boot()
                .configuration()
                .findModule("com.fasterxml.jackson.databind")
                .orElseThrow()
                .reference()
                .location()
                .orElseThrow());
        Files.copy(clisJackson, folder.resolve("jackson-databind.jar"));

        Result where = run("lang", "where");
        assertEquals(0, where.exit(), where.err());
        assertEquals("HELLO " + library.toUri().getPath() + "\n", where.out(), "the folder's 3.14.0, not the CLI's");
        assertEquals("", where.err());
        Path clisOwn = Path.of(ModuleLayer.boot()
                .configuration()
                .findModule("org.apache.commons.lang3")
                .orElseThrow()
                .reference()
                .location()
                .orElseThrow());
        assertTrue(clisOwn.getFileName().toString().contains("3.20"), "the CLI keeps its own: " + clisOwn);

        int before = PluginDiscovery.JAR_LOADS.get();
        Result help = run("--help");
        assertTrue(help.out().contains("Uses its own library"), help.out());
        assertEquals(before, PluginDiscovery.JAR_LOADS.get(), "an unchanged folder is served from the index");

        Result list = run("plugins", "list");
        assertTrue(
                list.out()
                        .contains("lang unversioned\n  source:   folder " + folder + "\n  module:   lang.plugin\n"
                                + "  api:      1\n  status:   ok\n  commands: pipecat lang where\n"),
                list.out());

        // Any file of the folder changing makes it read again: here a library replaced by a newer build.
        Files.setLastModifiedTime(
                library, FileTime.fromMillis(Files.getLastModifiedTime(library).toMillis() + 5_000));
        before = PluginDiscovery.JAR_LOADS.get();
        assertEquals(0, run("--help").exit());
        assertEquals(before + 1, PluginDiscovery.JAR_LOADS.get(), "a changed library: the folder is read again");
    }

    @Test
    void aFolderWithoutAProviderOrWithTwoCopiesOfALibraryIsSkippedWithOneLine() throws Exception {
        Path folder = Files.createDirectories(plugins.resolve("libs-only"));
        Files.copy(commonsLang3(), folder.resolve("commons-lang3-3.14.0.jar"));
        Result help = run("--help");
        assertEquals(0, help.exit());
        assertEquals(
                "Warning: plugin " + folder + " skipped: no module in " + folder
                        + " provides io.pipecat.cli.spi.CommandGroupProvider\n",
                help.err());

        Files.copy(commonsLang3(), folder.resolve("commons-lang3-copy.jar"));
        Result twice = run("--help");
        assertEquals(
                "Warning: plugin " + folder + " skipped: two files hold module org.apache.commons.lang3:"
                        + " commons-lang3-3.14.0.jar and commons-lang3-copy.jar\n",
                twice.err());

        Files.createDirectories(plugins.resolve(".staging-123"));
        Files.writeString(plugins.resolve("plugins.json"), "{\"plugins\": []}");
        Files.delete(folder.resolve("commons-lang3-copy.jar"));
        Files.delete(folder.resolve("commons-lang3-3.14.0.jar"));
        Files.delete(folder);
        assertEquals("", run("--help").err(), "staging folders and the install manifest are not plugins");
    }

    @Test
    void aLinkFileLoadsABuildOutputInPlaceAndSeesItsRebuilds() throws Exception {
        Path build = home.resolve("dev");
        TinyPluginJar.compile(
                home.resolve("unused"), build, "tiny.jar", tiny("pong from the build"), TinyPluginJar.Build.PLAIN);
        Path classes = build.resolve("classes");
        Path link = Files.writeString(Files.createDirectories(plugins).resolve("tiny.link"), classes + "\n");

        Result ping = run("tiny", "ping");
        assertEquals(0, ping.exit(), ping.err());
        assertEquals("pong from the build\n", ping.out());
        Result list = run("plugins", "list");
        assertTrue(
                list.out().contains("tiny unversioned\n  source:   linked " + classes + " (" + link + ")\n"),
                list.out());

        // Rebuilt in place (another class file): the next run reads it again, without a refresh.
        Path pingClass = classes.resolve("tiny/Ping.class");
        FileTime before = Files.getLastModifiedTime(pingClass);
        TinyPluginJar.compile(
                home.resolve("unused"), build, "tiny.jar", tiny("pong, rebuilt!"), TinyPluginJar.Build.PLAIN);
        Files.setLastModifiedTime(pingClass, FileTime.fromMillis(before.toMillis() + 5_000));
        assertEquals("pong, rebuilt!\n", run("tiny", "ping").out());

        Files.writeString(link, "relative/path\n");
        Result bad = run("--help");
        assertEquals(0, bad.exit());
        assertEquals(
                "Warning: plugin " + link + " skipped: it must hold one absolute path of a build output\n", bad.err());
        Files.writeString(link, home.resolve("gone") + "\n");
        assertEquals(
                "Warning: plugin " + home.resolve("gone") + " skipped: the linked build output " + home.resolve("gone")
                        + " does not exist\n",
                run("--help").err());
    }

    @Test
    void aPluginBuiltForAnotherPluginApiIsSkippedWithOneLineNamingBothVersions() throws Exception {
        Path future = TinyPluginJar.compile(
                plugins,
                home.resolve("b1"),
                "future.jar",
                tiny("pong"),
                TinyPluginJar.Build.PLAIN.withManifest("Pipecat-Plugin-Api", "2"));
        Result help = run("--help");
        assertEquals(0, help.exit());
        String line = "Warning: plugin " + future + " skipped: it was built for plugin API 2, but this pipecat supports"
                + " plugin API 1; upgrade pipecat";
        assertEquals(line + "\n", help.err());
        assertFalse(help.out().contains("tiny"), help.out());
        assertEquals(line + CACHED + "\n", run("--help").err(), "from the index: says so");

        Files.delete(future);
        Path current = TinyPluginJar.compile(
                plugins,
                home.resolve("b2"),
                "current.jar",
                tiny("pong"),
                TinyPluginJar.Build.PLAIN.withManifest("Pipecat-Plugin-Api", "1"));
        Result list = run("plugins", "list");
        assertEquals("", list.err());
        assertTrue(
                list.out()
                        .contains("  source:   jar " + current
                                + "\n  module:   tiny.plugin\n  api:      1\n  status:   ok"),
                list.out());
        assertEquals("pong\n", run("tiny", "ping").out());
    }

    /** Where the version that tells two copies apart comes from. */
    enum VersionFrom {
        MODULE,
        MAVEN_MANIFEST,
        IMPLEMENTATION_VERSION
    }

    @ParameterizedTest(name = "version from {0}")
    @EnumSource(VersionFrom.class)
    void ofTwoCopiesOfAPluginTheNewestIsUsedAndTheOtherIsReportedOnlyByPluginsList(VersionFrom from) throws Exception {
        // The older copy comes first in file order, and 1.9.0 sorts after 1.10.0 as text: neither may decide.
        Path older = copy("a-tiny.jar", "pong 1.9.0", "1.9.0", from);
        Path newer = copy("b-tiny.jar", "pong 1.10.0", "1.10.0", from);
        if (from == VersionFrom.MAVEN_MANIFEST) {
            Files.writeString(plugins.resolve("plugins.json"), """
                    {"plugins": [
                      {"name": "a-tiny", "source": "maven", "coordinates": "org.example:tiny:1.9.0", "version": "1.9.0",
                       "files": [{"path": "a-tiny.jar", "sha256": "00"}]},
                      {"name": "b-tiny", "source": "maven", "coordinates": "org.example:tiny:1.10.0", "version": "1.10.0",
                       "files": [{"path": "b-tiny.jar", "sha256": "00"}]}
                    ]}""");
        }
        for (int run = 0; run < 2; run++) {
            Result ping = run("tiny", "ping");
            assertEquals(0, ping.exit(), ping.err());
            assertEquals("pong 1.10.0\n", ping.out());
            assertEquals("", ping.err(), "two versions side by side are not a clash on every command");
        }
        Result list = run("plugins", "list");
        assertEquals("", list.err());
        assertTrue(
                list.out()
                        .contains("  status:   not used: " + newer + " has a newer version (1.10.0) of module"
                                + " tiny.plugin than this one (1.9.0)\n"),
                list.out());
        assertTrue(list.out().contains(older.toString()), list.out());
        if (from == VersionFrom.MAVEN_MANIFEST) {
            assertTrue(
                    list.out().contains("  source:   maven org.example:tiny:1.10.0 (jar " + newer + ")\n"), list.out());
        }
    }

    private Path copy(String jarName, String answer, String version, VersionFrom from) throws Exception {
        TinyPluginJar.Build build = switch (from) {
            case MODULE -> TinyPluginJar.Build.PLAIN.withModuleVersion(version);
            case MAVEN_MANIFEST -> TinyPluginJar.Build.PLAIN;
            case IMPLEMENTATION_VERSION -> TinyPluginJar.Build.PLAIN.withManifest("Implementation-Version", version);
        };
        return TinyPluginJar.compile(plugins, home.resolve("build-" + jarName), jarName, tiny(answer), build);
    }

    @Test
    void aRememberedFailureSaysSoAndIsRetriedOnRefreshOrWhenTheIndexIsForgotten() throws Exception {
        // The plugin fails while its marker file is missing: a cause outside its own files, which the index cannot see.
        Path marker = home.resolve("marker");
        Path jar = TinyPluginJar.compile(
                plugins,
                home.resolve("build"),
                "moody.jar",
                tiny(
                        "pong",
                        "if (!java.nio.file.Files.exists(java.nio.file.Path.of(\"" + marker
                                + "\"))) throw new IllegalStateException(\"no marker\");"),
                TinyPluginJar.Build.PLAIN);
        String failure = "Warning: plugin " + jar + " skipped: provider tiny.Tiny failed: no marker";
        assertEquals(failure + "\n", run("--help").err());
        assertEquals(failure + CACHED + "\n", run("--help").err());

        Files.writeString(marker, "here");
        assertEquals(failure + CACHED + "\n", run("--help").err(), "the jar did not change: still the cached failure");
        Result refreshed = run("plugins", "list", "--refresh");
        assertEquals(0, refreshed.exit(), refreshed.err());
        assertEquals("", refreshed.err());
        assertTrue(refreshed.out().contains("tiny unversioned\n  source:   jar " + jar + "\n"), refreshed.out());
        assertTrue(refreshed.out().contains("  status:   ok\n"), refreshed.out());
        assertEquals("pong\n", run("tiny", "ping").out());

        // What plugins install and uninstall call.
        Files.delete(marker);
        assertEquals(failure + "\n", run("plugins", "list", "--refresh").err());
        Files.writeString(marker, "back");
        PluginDiscovery.forgetIndex(env);
        Result afterInstall = run("tiny", "ping");
        assertEquals("", afterInstall.err());
        assertEquals("pong\n", afterInstall.out());
    }

    @Test
    void pluginsListShowsTheFoldersSearchedAndAPathEntryThatIsNotAFolder() throws Exception {
        Path jarNotFolder = TinyPluginJar.build(home.resolve("elsewhere"), home.resolve("build"));
        Path missing = home.resolve("missing");
        Files.createDirectories(plugins);
        env = Environment.of(Map.of(
                "HOME",
                home.toString(),
                "PIPECAT_PLUGIN_PATH",
                String.join(
                        java.io.File.pathSeparator, plugins.toString(), jarNotFolder.toString(), missing.toString())));
        Result list = run("plugins", "list");
        assertEquals(0, list.exit(), list.err());
        assertTrue(
                list.out()
                        .endsWith("\nPlugin folders searched (PIPECAT_PLUGIN_PATH):\n  " + plugins + "\n  "
                                + jarNotFolder + " (not a folder: ignored; name the folder that holds plugins)\n  "
                                + missing + " (does not exist)\n"),
                list.out());
        assertFalse(list.out().contains("tiny "), "a jar named as a folder is not loaded: " + list.out());
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
