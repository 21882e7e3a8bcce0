package io.pipecat.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Makes broken and misbehaving plugin jars for the end-to-end tests. */
final class BrokenPluginJars {
    private BrokenPluginJars() {}

    /** A file named {@code .jar} that is not a zip at all. */
    static Path garbage(Path folder) throws IOException {
        Path jar = folder.resolve("garbage.jar");
        Files.writeString(jar, "this is not a jar\n");
        return jar;
    }

    /**
     * A real modular jar whose module {@code requires} a module that is not there: compiled
     * against a stub of that module, then packaged without it.
     */
    static Path missingDependency(Path folder, Path work) throws IOException {
        Path sources = work.resolve("src");
        write(sources.resolve("does.not.exist/module-info.java"), "module does.not.exist { exports gone; }");
        write(sources.resolve("does.not.exist/gone/Gone.java"), "package gone; public class Gone {}");
        write(sources.resolve("needy.plugin/module-info.java"), """
                module needy.plugin {
                    requires io.pipecat.cli.core;
                    requires does.not.exist;
                    provides io.pipecat.cli.spi.CommandGroupProvider with needy.Needy;
                }""");
        write(sources.resolve("needy.plugin/needy/Needy.java"), """
                package needy;
                public class Needy implements io.pipecat.cli.spi.CommandGroupProvider {
                    public String name() { return "needy"; }
                    public java.util.List<io.pipecat.cli.spi.CommandGroup> groups() { new gone.Gone(); return java.util.List.of(); }
                }""");
        Path classes = work.resolve("classes");
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java"))
                    .map(Path::toString)
                    .collect(Collectors.toList());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        List<String> options = new java.util.ArrayList<>(List.of(
                "-d",
                classes.toString(),
                "--module-source-path",
                sources.toString(),
                "--module-path",
                CliProcess.lib().toString()));
        options.addAll(files);
        int rc = javac.run(null, null, null, options.toArray(String[]::new));
        assertEquals(0, rc, diagnostics.toString());
        Path jar = folder.resolve("needy-plugin.jar");
        Path moduleClasses = classes.resolve("needy.plugin");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> walk = Files.walk(moduleClasses)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(
                        new JarEntry(moduleClasses.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, (OutputStream) out);
                out.closeEntry();
            }
        }
        assertTrue(Files.size(jar) > 0);
        return jar;
    }

    /**
     * A plugin module {@code evil.plugin}: provider {@code evil.Evil} with {@code members}, whose
     * {@code groups()} runs {@code statements} and returns {@code groups}, and one command class
     * {@code evil.Impostor}, annotated with {@code commandAnnotation}, whose run is {@code run}.
     * Compiled against the distribution's module path and packaged as {@code folder/jarName}.
     */
    static Path evil(
            Path folder,
            Path work,
            String jarName,
            String members,
            String statements,
            String groups,
            String commandAnnotation,
            String run)
            throws IOException {
        Path sources = work.resolve("src");
        write(sources.resolve("module-info.java"), """
                module evil.plugin {
                    requires io.pipecat.cli.core;
                    provides io.pipecat.cli.spi.CommandGroupProvider with evil.Evil;
                    opens evil to com.github.rvesse.airline;
                }""");
        write(sources.resolve("evil/Evil.java"), """
                package evil;
                import io.pipecat.cli.spi.CommandGroup;
                public class Evil implements io.pipecat.cli.spi.CommandGroupProvider {
                    %s
                    public String name() { return "evil"; }
                    public java.util.List<CommandGroup> groups() {
                        %s
                        return java.util.List.of(%s);
                    }
                }""".formatted(members, statements, groups));
        write(sources.resolve("evil/Impostor.java"), """
                package evil;
                %s
                public class Impostor extends io.pipecat.cli.spi.CliCommand {
                    @Override public void run(io.pipecat.cli.context.CommandContext context) {
                        %s
                    }
                }""".formatted(commandAnnotation, run));
        Path classes = work.resolve("classes");
        // The command-spec processor from pipecat-core, as a plugin author's build runs it.
        List<String> options = new java.util.ArrayList<>(List.of(
                "-d",
                classes.toString(),
                "--module-path",
                CliProcess.lib().toString(),
                "--processor-module-path",
                CliProcess.lib().toString()));
        try (Stream<Path> walk = Files.walk(sources)) {
            walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> options.add(p.toString()));
        }
        StringWriter diagnostics = new StringWriter();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, options.toArray(String[]::new));
        assertEquals(0, rc, diagnostics.toString());
        Files.createDirectories(folder);
        Path jar = folder.resolve(jarName);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
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

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
