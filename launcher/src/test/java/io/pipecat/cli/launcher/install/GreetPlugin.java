package io.pipecat.cli.launcher.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Builds real plugin jars for the installer's tests: {@code greet.plugin} (group {@code greet},
 * command {@code hello}) whose provider takes its version from a library module
 * ({@code greet.lib}), so loading it proves the library was loaded with it.
 */
final class GreetPlugin {
    private GreetPlugin() {}

    /** @return the library jar {@code greet-lib-<version>.jar} in {@code folder} */
    static Path library(Path folder, Path work, String version) throws IOException {
        return compile(
                folder.resolve("greet-lib-" + version + ".jar"),
                work.resolve("lib-" + version),
                List.of(),
                Map.of(
                        "module-info.java",
                        "module greet.lib { exports greet.lib; }",
                        "greet/lib/Info.java",
                        "package greet.lib; public final class Info { public static String version() { return \""
                                + version + "\"; } }"));
    }

    /** @return the plugin jar {@code greet-plugin-<version>.jar} in {@code folder}, compiled against {@code library} */
    static Path plugin(Path folder, Path work, String version, Path library) throws IOException {
        return compile(
                folder.resolve("greet-plugin-" + version + ".jar"),
                work.resolve("plugin-" + version),
                List.of(library),
                Map.of(
                        "module-info.java", """
                module greet.plugin {
                    requires io.pipecat.cli.core;
                    requires greet.lib;
                    provides io.pipecat.cli.spi.CommandGroupProvider with greet.Greet;
                    opens greet to com.github.rvesse.airline;
                }""",
                        "greet/Greet.java", """
                package greet;
                import io.pipecat.cli.spi.CommandGroup;
                public class Greet implements io.pipecat.cli.spi.CommandGroupProvider {
                    public String name() { return "greet"; }
                    public String version() { return greet.lib.Info.version(); }
                    public java.util.List<CommandGroup> groups() {
                        return java.util.List.of(CommandGroup.at("greet").description("Greetings").commands(Hello.class).build());
                    }
                }""",
                        "greet/Hello.java", """
                package greet;
                import com.github.rvesse.airline.annotations.Command;
                @Command(name = "hello", description = "Say hello")
                public class Hello extends io.pipecat.cli.spi.CliCommand {
                    @Override public void run(io.pipecat.cli.context.CommandContext context) {
                        context.io().out().println("hello from greet " + greet.lib.Info.version());
                    }
                }"""));
    }

    /** A single jar plugin (no library): {@code greet} at {@code version}. */
    static Path standalone(Path folder, Path work, String version) throws IOException {
        return compile(
                folder.resolve("greet-" + version + ".jar"),
                work.resolve("standalone-" + version),
                List.of(),
                Map.of(
                        "module-info.java", """
                module greet.plugin {
                    requires io.pipecat.cli.core;
                    provides io.pipecat.cli.spi.CommandGroupProvider with greet.Greet;
                    opens greet to com.github.rvesse.airline;
                }""",
                        "greet/Greet.java", """
                package greet;
                import io.pipecat.cli.spi.CommandGroup;
                public class Greet implements io.pipecat.cli.spi.CommandGroupProvider {
                    public String name() { return "greet"; }
                    public String version() { return "%s"; }
                    public java.util.List<CommandGroup> groups() {
                        return java.util.List.of(CommandGroup.at("greet").description("Greetings").commands(Hello.class).build());
                    }
                }""".formatted(version),
                        "greet/Hello.java", """
                package greet;
                import com.github.rvesse.airline.annotations.Command;
                @Command(name = "hello", description = "Say hello")
                public class Hello extends io.pipecat.cli.spi.CliCommand {
                    @Override public void run(io.pipecat.cli.context.CommandContext context) {
                        context.io().out().println("hello from greet %s");
                    }
                }""".formatted(version)));
    }

    /** A modular jar that provides no command group: not a plugin. */
    static Path notAPlugin(Path folder, Path work) throws IOException {
        return compile(
                folder.resolve("not-a-plugin.jar"),
                work.resolve("not-a-plugin"),
                List.of(),
                Map.of(
                        "module-info.java", "module not.a.plugin { exports nap; }",
                        "nap/Nothing.java", "package nap; public final class Nothing { }"));
    }

    private static Path compile(Path jar, Path work, List<Path> extraModules, Map<String, String> sources)
            throws IOException {
        Path src = work.resolve("src");
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
        }
        Path classes = work.resolve("classes");
        StringBuilder modulePath = new StringBuilder(System.getProperty("jdk.module.path"));
        extraModules.forEach(m -> modulePath.append(java.io.File.pathSeparator).append(m));
        Path core = Path.of(ModuleLayer.boot()
                .configuration()
                .findModule("io.pipecat.cli.core")
                .orElseThrow()
                .reference()
                .location()
                .orElseThrow());
        List<String> options = new ArrayList<>(List.of(
                "-d", classes.toString(), "--module-path", modulePath.toString(), "-processorpath", core.toString()));
        try (Stream<Path> walk = Files.walk(src)) {
            walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> options.add(p.toString()));
        }
        StringWriter diagnostics = new StringWriter();
        PrintWriter writer = new PrintWriter(diagnostics);
        int rc = java.util.spi.ToolProvider.findFirst("javac")
                .orElseThrow()
                .run(writer, writer, options.toArray(String[]::new));
        writer.flush();
        assertEquals(0, rc, diagnostics.toString());
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(
                        new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, (OutputStream) out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
