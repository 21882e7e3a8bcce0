package io.pipecat.cli.launcher.plugins;

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
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Compiles and packages real modular plugin jars the way a plugin author's build does it (the
 * command-spec processor from pipecat-core on the processor path), or with another set-up:
 * {@link #build} makes the tiny one (group {@code tiny}, command {@code ping [--loud]});
 * {@link #compile} any other from its sources.
 */
public final class TinyPluginJar {
    /** How javac finds the command-spec processor. */
    enum Processor {
        /** {@code -processorpath <pipecat-core>}: what Maven's {@code annotationProcessorPaths} passes. */
        PROCESSOR_PATH,
        /** {@code --processor-module-path <module path>}: the JPMS way, through core's {@code provides}. */
        PROCESSOR_MODULE_PATH,
        /** {@code -proc:none}: a jar built without the processor, so without specs. */
        NONE
    }

    /** The spec resource of the plugin's one command. */
    static final String PING_SPEC = "META-INF/pipecat/commands/tiny.Ping.spec";

    static final Map<String, String> TINY = Map.of(
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
                public String version() { return "0.0.1"; }
                public java.util.List<CommandGroup> groups() {
                    return java.util.List.of(CommandGroup.at("tiny").description("A tiny plugin").commands(Ping.class).build());
                }
            }""",
            "tiny/Ping.java", """
            package tiny;
            import com.github.rvesse.airline.annotations.Command;
            import com.github.rvesse.airline.annotations.Option;
            @Command(name = "ping", description = "Print pong")
            public class Ping extends io.pipecat.cli.spi.CliCommand {
                @Option(name = "--loud", description = "Shout") private boolean loud;
                @Override public void run(io.pipecat.cli.context.CommandContext context) {
                    context.io().out().println(loud ? "PONG" : "pong");
                }
            }""");

    private TinyPluginJar() {}

    static Path build(Path folder, Path work) throws IOException {
        return build(folder, work, Processor.PROCESSOR_PATH, UnaryOperator.identity());
    }

    /**
     * @param editSpec rewrites the generated spec of {@code tiny.Ping} before it is packaged
     *                 (tests prove the launcher reads that file and nothing else)
     */
    static Path build(Path folder, Path work, Processor processor, UnaryOperator<String> editSpec) throws IOException {
        return compile(folder, work, "tiny-plugin.jar", TINY, processor, spec -> {
            Path ping = spec.resolve(PING_SPEC);
            if (Files.exists(ping)) {
                Files.writeString(ping, editSpec.apply(Files.readString(ping)));
            }
        });
    }

    /**
     * Compiles one module from {@code sources} (file name relative to the module's source root →
     * text) against the CLI's module path, with the command-spec processor, and packages it as
     * {@code folder/jarName}.
     */
    public static Path compile(Path folder, Path work, String jarName, Map<String, String> sources) throws IOException {
        return compile(folder, work, jarName, sources, Processor.PROCESSOR_PATH, classes -> {});
    }

    /**
     * How a plugin build differs from the plain one: modules put ahead of the CLI's on the module
     * path (a library in another version than the CLI's), extra javac options
     * ({@code --module-version 1.2.0}), and main attributes of the jar's manifest
     * ({@code Pipecat-Plugin-Api}, {@code Implementation-Version}).
     */
    record Build(List<Path> modulePathFirst, List<String> javacOptions, Map<String, String> manifest) {
        static final Build PLAIN = new Build(List.of(), List.of(), Map.of());

        Build withModuleVersion(String version) {
            List<String> options = new ArrayList<>(javacOptions);
            options.addAll(List.of("--module-version", version));
            return new Build(modulePathFirst, options, manifest);
        }

        Build withManifest(String attribute, String value) {
            Map<String, String> attributes = new java.util.LinkedHashMap<>(manifest);
            attributes.put(attribute, value);
            return new Build(modulePathFirst, javacOptions, attributes);
        }

        Build withModulePathFirst(Path module) {
            List<Path> first = new ArrayList<>(modulePathFirst);
            first.add(module);
            return new Build(first, javacOptions, manifest);
        }
    }

    /** Like {@link #compile(Path, Path, String, Map)}, built as {@code build} says; the classes stay in {@code work/classes}. */
    static Path compile(Path folder, Path work, String jarName, Map<String, String> sources, Build build)
            throws IOException {
        return compile(folder, work, jarName, sources, Processor.PROCESSOR_PATH, classes -> {}, build);
    }

    private interface ClassesEdit {
        void apply(Path classes) throws IOException;
    }

    private static Path compile(
            Path folder, Path work, String jarName, Map<String, String> sources, Processor processor, ClassesEdit edit)
            throws IOException {
        return compile(folder, work, jarName, sources, processor, edit, Build.PLAIN);
    }

    private static Path compile(
            Path folder,
            Path work,
            String jarName,
            Map<String, String> sources,
            Processor processor,
            ClassesEdit edit,
            Build build)
            throws IOException {
        Path sourceRoot = work.resolve("src");
        for (Map.Entry<String, String> source : sources.entrySet()) {
            write(sourceRoot.resolve(source.getKey()), source.getValue());
        }
        Path classes = work.resolve("classes");
        String modulePath = System.getProperty("jdk.module.path");
        List<String> first =
                build.modulePathFirst().stream().map(Path::toString).toList();
        String compilePath = first.isEmpty()
                ? modulePath
                : String.join(java.io.File.pathSeparator, first) + java.io.File.pathSeparator + modulePath;
        List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "--module-path", compilePath));
        options.addAll(build.javacOptions());
        switch (processor) {
            case PROCESSOR_PATH ->
                options.addAll(List.of(
                        "-processorpath",
                        Path.of(ModuleLayer.boot()
                                        .configuration()
                                        .findModule("io.pipecat.cli.core")
                                        .orElseThrow()
                                        .reference()
                                        .location()
                                        .orElseThrow())
                                .toString()));
            case PROCESSOR_MODULE_PATH -> options.addAll(List.of("--processor-module-path", modulePath));
            case NONE -> options.add("-proc:none");
        }
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> options.add(p.toString()));
        }
        Javac javac = javac(options);
        assertEquals(0, javac.exit(), javac.diagnostics());
        edit.apply(classes);
        Path jar = folder.resolve(jarName);
        Files.createDirectories(folder);
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        build.manifest().forEach((name, value) -> manifest.getMainAttributes().putValue(name, value));
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

    /** What javac said. */
    record Javac(int exit, String diagnostics) {}

    /**
     * Compiles {@code sources} as a plugin author would (the CLI's module path, the command-spec
     * processor) and reports the outcome without asserting it: for sources that must not compile.
     */
    static Javac tryCompile(Path work, Map<String, String> sources) throws IOException {
        Path sourceRoot = work.resolve("src");
        for (Map.Entry<String, String> source : sources.entrySet()) {
            write(sourceRoot.resolve(source.getKey()), source.getValue());
        }
        List<String> options = new ArrayList<>(List.of(
                "-d",
                work.resolve("classes").toString(),
                "--module-path",
                System.getProperty("jdk.module.path"),
                "-proc:none"));
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> options.add(p.toString()));
        }
        return javac(options);
    }

    private static Javac javac(List<String> options) {
        StringWriter diagnostics = new StringWriter();
        PrintWriter writer = new PrintWriter(diagnostics);
        int rc = java.util.spi.ToolProvider.findFirst("javac")
                .orElseThrow()
                .run(writer, writer, options.toArray(String[]::new));
        writer.flush();
        return new Javac(rc, diagnostics.toString());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
