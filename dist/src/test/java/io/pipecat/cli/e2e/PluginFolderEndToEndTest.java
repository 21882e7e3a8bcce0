package io.pipecat.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.e2e.CliProcess.Result;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that is a folder — its module jar and a library from Maven Central in another version
 * than the CLI's own — through the real launcher process; and a plugin built for a plugin API this
 * CLI does not support, skipped with one line.
 */
class PluginFolderEndToEndTest {
    @TempDir
    Path home;

    private Path plugins;
    private CliProcess cli;

    @BeforeEach
    void setUp() throws Exception {
        plugins = Files.createDirectories(home.resolve("plugins"));
        cli = new CliProcess(home);
    }

    @Test
    void aFolderPluginRunsWithItsOwnLibraryAndAnUnsupportedApiIsOneLine() throws Exception {
        Path folder = Files.createDirectories(plugins.resolve("lang"));
        Path library = Files.copy(
                Path.of(System.getProperty("pipecat.test.commonsLang3")), folder.resolve("commons-lang3-3.14.0.jar"));
        compile(
                folder.resolve("lang-plugin.jar"),
                library,
                "1",
                Map.of(
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
                }"""));

        Result where = cli.run("lang", "where");
        assertEquals(0, where.exit(), where.err());
        assertEquals("HELLO " + library.toUri().getPath() + "\n", where.out());
        assertEquals("", where.err());
        Result again = cli.run("lang", "where");
        assertEquals(where.out(), again.out(), "served from the plugin index, loaded to run: " + again.err());

        Path future = compile(
                plugins.resolve("future.jar"),
                library,
                "2",
                Map.of(
                        "module-info.java", """
                module future.plugin {
                    requires io.pipecat.cli.core;
                    provides io.pipecat.cli.spi.CommandGroupProvider with future.Future;
                }""",
                        "future/Future.java", """
                package future;
                public class Future implements io.pipecat.cli.spi.CommandGroupProvider {
                    public String name() { return "future"; }
                    public java.util.List<io.pipecat.cli.spi.CommandGroup> groups() { return java.util.List.of(); }
                }"""));
        Result list = cli.run("plugins", "list");
        assertEquals(0, list.exit(), list.err());
        assertEquals(
                "Warning: plugin " + future + " skipped: it was built for plugin API 2, but this pipecat supports"
                        + " plugin API 1; upgrade pipecat\n",
                list.err());
        assertTrue(
                list.out()
                        .contains("lang unversioned\n  source:   folder " + folder + "\n  module:   lang.plugin\n"
                                + "  api:      1\n  status:   ok\n  commands: pipecat lang where\n"),
                list.out());
        assertTrue(
                list.out().endsWith("Plugin folders searched (PIPECAT_PLUGIN_PATH):\n  " + plugins + "\n"), list.out());
        Result refreshed = cli.run("plugins", "list", "--refresh");
        assertEquals(0, refreshed.exit(), refreshed.err());
        assertEquals(list.err(), refreshed.err(), "read again, not from the cache");
    }

    /** Compiles one plugin module against the distribution, with the command-spec processor, into {@code jar}. */
    private Path compile(Path jar, Path library, String api, Map<String, String> sources) throws IOException {
        Path work = Files.createTempDirectory(home, "build");
        Path src = work.resolve("src");
        List<String> options = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            options.add(file.toString());
        }
        Path core;
        try (Stream<Path> jars = Files.list(CliProcess.lib())) {
            core = jars.filter(p -> p.getFileName().toString().startsWith("pipecat-core"))
                    .findFirst()
                    .orElseThrow();
        }
        Path classes = work.resolve("classes");
        options.addAll(
                0,
                List.of(
                        "-d",
                        classes.toString(),
                        "-processorpath",
                        core.toString(),
                        "--module-path",
                        library + File.pathSeparator + CliProcess.lib()));
        StringWriter diagnostics = new StringWriter();
        int rc = java.util.spi.ToolProvider.findFirst("javac")
                .orElseThrow()
                .run(
                        new PrintWriter(diagnostics, true),
                        new PrintWriter(diagnostics, true),
                        options.toArray(String[]::new));
        assertEquals(0, rc, diagnostics.toString());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Pipecat-Plugin-Api", api);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(
                        new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, (OutputStream) out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
