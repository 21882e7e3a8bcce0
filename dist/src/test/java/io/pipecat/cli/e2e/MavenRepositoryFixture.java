package io.pipecat.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A Maven repository laid out on disk the way Maven Central is (jars, poms, maven-metadata.xml,
 * each with {@code .sha1} and {@code .sha256}), real plugin jars compiled into it against the
 * built CLI's modules, and an optional loopback HTTP server ({@code com.sun.net.httpserver})
 * serving that folder.
 */
final class MavenRepositoryFixture implements AutoCloseable {
    static final String GROUP = "com.example";
    private final Path root;
    private final Path work;
    private HttpServer server;
    /** Paths (relative to the root) whose connection the server drops half-way. */
    final Set<String> dropped = ConcurrentHashMap.newKeySet();

    MavenRepositoryFixture(Path root, Path work) {
        this.root = root;
        this.work = work;
    }

    Path root() {
        return root;
    }

    String fileUrl() {
        return root.toUri().toString();
    }

    /** @return the URL of a loopback HTTP server serving the repository */
    String httpUrl() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String relative = exchange.getRequestURI().getPath().substring(1);
            Path file = root.resolve(relative).normalize();
            try (exchange) {
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                if (!exchange.getRequestMethod().equals("HEAD")) {
                    OutputStream out = exchange.getResponseBody();
                    out.write(body, 0, dropped.contains(relative) ? body.length / 2 : body.length);
                }
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Publishes {@code greet-lib} at {@code version}: a modular library whose Info.version() returns it. */
    Path publishLibrary(String version) throws IOException {
        Path jar = compile(
                "greet-lib",
                version,
                List.of(),
                Map.of(
                        "module-info.java",
                        "module greet.lib { exports greet.lib; }",
                        "greet/lib/Info.java",
                        "package greet.lib; public final class Info { public static String version() { return \""
                                + version + "\"; } }"));
        publish("greet-lib", version, jar, "");
        return jar;
    }

    /**
     * Publishes a plugin (group {@code greet}, command {@code hello} printing its version). With
     * a library version, the plugin requires {@code greet.lib} and its pom depends on it; its pom
     * also names pipecat-core, which the CLI provides (the repository does not have it).
     */
    void publishPlugin(String artifactId, String version, String libraryVersion) throws IOException {
        List<Path> modulePath = new ArrayList<>();
        String versionExpression = "\"" + version + "\"";
        String requires = "";
        String dependencies = """
                <dependency><groupId>io.pipecat.cli</groupId><artifactId>pipecat-core</artifactId><version>0.1.0</version></dependency>
                """;
        if (libraryVersion != null) {
            modulePath.add(root.resolve(path("greet-lib", libraryVersion, ".jar")));
            versionExpression = "greet.lib.Info.version()";
            requires = "requires greet.lib;";
            dependencies += "<dependency><groupId>" + GROUP + "</groupId><artifactId>greet-lib</artifactId><version>"
                    + libraryVersion + "</version></dependency>\n";
        }
        Path jar = compile(
                artifactId,
                version,
                modulePath,
                Map.of(
                        "module-info.java", """
                module greet.plugin {
                    requires io.pipecat.cli.core;
                    %s
                    provides io.pipecat.cli.spi.CommandGroupProvider with greet.Greet;
                    opens greet to com.github.rvesse.airline;
                }""".formatted(requires),
                        "greet/Greet.java", """
                package greet;
                import io.pipecat.cli.spi.CommandGroup;
                public class Greet implements io.pipecat.cli.spi.CommandGroupProvider {
                    public String name() { return "greet"; }
                    public String version() { return %s; }
                    public java.util.List<CommandGroup> groups() {
                        return java.util.List.of(CommandGroup.at("greet").description("Greetings").commands(Hello.class).build());
                    }
                }""".formatted(versionExpression),
                        "greet/Hello.java", """
                package greet;
                import com.github.rvesse.airline.annotations.Command;
                @Command(name = "hello", description = "Say hello")
                public class Hello extends io.pipecat.cli.spi.CliCommand {
                    @Override public void run(io.pipecat.cli.context.CommandContext context) {
                        context.io().out().println("hello from greet " + new Greet().version());
                    }
                }"""));
        publish(artifactId, version, jar, dependencies);
    }

    /** @return the repository path of an artifact's file, e.g. {@code com/example/a/1.0/a-1.0.jar} */
    static String path(String artifactId, String version, String suffix) {
        return GROUP.replace('.', '/') + "/" + artifactId + "/" + version + "/" + artifactId + "-" + version + suffix;
    }

    private void publish(String artifactId, String version, Path jar, String dependencies) throws IOException {
        write(path(artifactId, version, ".jar"), Files.readAllBytes(jar));
        write(path(artifactId, version, ".pom"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version>
                  <dependencies>%s</dependencies>
                </project>
                """.formatted(GROUP, artifactId, version, dependencies)
                .getBytes());
        Path folder = root.resolve(GROUP.replace('.', '/') + "/" + artifactId);
        TreeSet<String> versions = new TreeSet<>();
        try (Stream<Path> list = Files.list(folder)) {
            list.filter(Files::isDirectory)
                    .forEach(p -> versions.add(p.getFileName().toString()));
        }
        StringBuilder xml = new StringBuilder("<metadata><groupId>" + GROUP + "</groupId><artifactId>" + artifactId
                + "</artifactId><versioning><versions>");
        versions.forEach(v -> xml.append("<version>").append(v).append("</version>"));
        xml.append("</versions></versioning></metadata>\n");
        write(
                GROUP.replace('.', '/') + "/" + artifactId + "/maven-metadata.xml",
                xml.toString().getBytes());
    }

    /** Writes a file with its .sha1 and .sha256, as a repository serves them. */
    void write(String relative, byte[] content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.writeString(root.resolve(relative + ".sha1"), digest("SHA-1", content));
        Files.writeString(root.resolve(relative + ".sha256"), digest("SHA-256", content));
    }

    static String digest(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path compile(String artifactId, String version, List<Path> extraModules, Map<String, String> sources)
            throws IOException {
        Path base = work.resolve(artifactId + "-" + version);
        Path src = base.resolve("src");
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
        }
        Path lib = CliProcess.lib();
        Path core;
        try (Stream<Path> list = Files.list(lib)) {
            core = list.filter(p -> p.getFileName().toString().startsWith("pipecat-core"))
                    .findFirst()
                    .orElseThrow();
        }
        StringBuilder modulePath = new StringBuilder(lib.toString());
        extraModules.forEach(m -> modulePath.append(java.io.File.pathSeparator).append(m));
        Path classes = base.resolve("classes");
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
        Path jar = base.resolve(artifactId + "-" + version + ".jar");
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
