package io.pipecat.cli.core.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles fixture commands with javac and the processor exactly as a plugin build does
 * ({@code -processorpath} holding pipecat-core), and checks the spec files it writes.
 */
class CommandSpecProcessorTest {
    @TempDir
    Path work;

    private Path sources;
    private Path classes;

    @BeforeEach
    void setUp() {
        sources = work.resolve("src");
        classes = work.resolve("classes");
    }

    @Test
    void writesEveryShapeAirlineReadsIncludingInheritedAndModuleOptions() throws Exception {
        write("module-info.java", """
                module fixture.plugin {
                    requires io.pipecat.cli.core;
                    opens fixture to com.github.rvesse.airline;
                }""");
        write("fixture/BaseCommand.java", """
                package fixture;
                import com.github.rvesse.airline.annotations.Option;
                public abstract class BaseCommand extends io.pipecat.cli.spi.CliCommand {
                    @Option(name = "--org", title = "ORG", description = "Organization")
                    protected String org;
                    @Option(name = {"-q", "--quiet"}, description = "Base quiet")
                    protected boolean quiet;
                }""");
        write("fixture/Shared.java", """
                package fixture;
                import com.github.rvesse.airline.annotations.Option;
                public final class Shared {
                    @Option(name = "--region", description = "Region")
                    public String region;
                }""");
        write("fixture/Deploy.java", """
                package fixture;
                import com.github.rvesse.airline.annotations.*;
                import com.github.rvesse.airline.annotations.restrictions.Required;
                import java.util.List;
                @Command(name = "deploy", description = "Deploy\\tan agent\\nnow \\\\ later", hidden = true)
                public final class Deploy extends BaseCommand {
                    @Option(name = {"-q", "--quiet"}, description = "Quiet, as the subclass says")
                    private Boolean quiet;
                    @Option(name = "--pair", title = {"KEY", "VALUE"}, arity = 2, description = "Two values")
                    private List<String> pair;
                    @Option(name = "--secret", hidden = true, description = "Hidden")
                    private String secret;
                    @Option(name = "--count")
                    private int count;
                    @AirlineModule
                    private Shared shared = new Shared();
                    @Required
                    @Arguments(description = "Agents")
                    private List<String> agents;
                    @Override public void run(io.pipecat.cli.context.CommandContext context) { }

                    @Command(name = "inner", description = "A nested command")
                    public static final class Inner extends io.pipecat.cli.spi.CliCommand {
                        @Arguments(title = {"A", "B"}, description = "Two titles")
                        private List<String> words;
                        @Override public void run(io.pipecat.cli.context.CommandContext context) { }
                    }
                }""");
        write("fixture/NotOurs.java", """
                package fixture;
                @com.github.rvesse.airline.annotations.Command(name = "plain")
                public final class NotOurs { }""");
        compile();

        assertEquals("""
                pipecat-command-spec\t1
                class\tfixture.Deploy
                command\tdeploy\ttrue\tDeploy\\tan agent\\nnow \\\\ later
                option\t0\tfalse\tquiet\tQuiet, as the subclass says\t-q\t--quiet
                option\t2\tfalse\tKEY\tTwo values\t--pair
                option\t1\ttrue\tsecret\tHidden\t--secret
                option\t1\tfalse\tcount\t\t--count
                option\t1\tfalse\tregion\tRegion\t--region
                option\t1\tfalse\tORG\tOrganization\t--org
                option\t0\tfalse\thelp\tShow help for this command\t--help
                option\t0\ttrue\tverbose\tPrint stack traces of errors\t--verbose
                arguments\ttrue\tAgents\tagents
                """, spec("fixture.Deploy"));
        assertEquals("""
                pipecat-command-spec\t1
                class\tfixture.Deploy$Inner
                command\tinner\tfalse\tA nested command
                option\t0\tfalse\thelp\tShow help for this command\t--help
                option\t0\ttrue\tverbose\tPrint stack traces of errors\t--verbose
                arguments\tfalse\tTwo titles\tA\tB
                """, spec("fixture.Deploy$Inner"));
        // Flags only for the plain command: Deploy has a restriction and a module, airline's alone.
        assertEquals(
                """
                pipecat-command-flags\t1
                --help\tio.pipecat.cli.spi.CliCommand\thelp
                --verbose\tio.pipecat.cli.spi.CliCommand\tverbose
                """,
                Files.readString(classes.resolve(CommandSpecProcessor.RESOURCE_FOLDER + "fixture.Deploy$Inner.flags")));
        try (Stream<Path> written = Files.list(classes.resolve(CommandSpecProcessor.RESOURCE_FOLDER))) {
            assertEquals(
                    List.of("fixture.Deploy$Inner.flags", "fixture.Deploy$Inner.spec", "fixture.Deploy.spec"),
                    written.map(p -> p.getFileName().toString()).sorted().toList(),
                    "nothing for the abstract base or a class that is no CliCommand");
        }
    }

    @Test
    void compilingSeveralModulesAtOnceWritesEachSpecIntoItsModule() throws Exception {
        write("one.plugin/module-info.java", "module one.plugin { requires io.pipecat.cli.core; }");
        write("one.plugin/one/One.java", """
                package one;
                @com.github.rvesse.airline.annotations.Command(name = "one", description = "First")
                public final class One extends io.pipecat.cli.spi.CliCommand {
                    @Override public void run(io.pipecat.cli.context.CommandContext context) { }
                }""");
        write("two.plugin/module-info.java", "module two.plugin { requires io.pipecat.cli.core; }");
        write("two.plugin/two/Two.java", """
                package two;
                @com.github.rvesse.airline.annotations.Command(name = "two", description = "Second")
                public final class Two extends io.pipecat.cli.spi.CliCommand {
                    @Override public void run(io.pipecat.cli.context.CommandContext context) { }
                }""");
        compile("--module-source-path", sources.toString());

        assertTrue(Files.readString(
                        classes.resolve("one.plugin").resolve(CommandSpecProcessor.RESOURCE_FOLDER + "one.One.spec"))
                .contains("command\tone\tfalse\tFirst\n"));
        assertTrue(Files.readString(
                        classes.resolve("two.plugin").resolve(CommandSpecProcessor.RESOURCE_FOLDER + "two.Two.spec"))
                .contains("command\ttwo\tfalse\tSecond\n"));
    }

    @Test
    void argumentValuesAreWrittenAfterTheArgumentsForCompletionAndHelp() throws Exception {
        write("module-info.java", """
                module fixture.plugin {
                    requires io.pipecat.cli.core;
                    opens fixture to com.github.rvesse.airline;
                }""");
        write("fixture/Store.java", """
                package fixture;
                import com.github.rvesse.airline.annotations.*;
                @Command(name = "store", description = "Pick a store")
                public final class Store extends io.pipecat.cli.spi.CliCommand {
                    @Arguments(title = "STORE", description = "Where")
                    @io.pipecat.cli.spi.ArgumentValues({"file", "keyring"})
                    private java.util.List<String> store;
                    @Override public void run(io.pipecat.cli.context.CommandContext context) { }
                }""");
        compile();

        assertTrue(
                spec("fixture.Store").endsWith("arguments\tfalse\tWhere\tSTORE\nvalues\tfile\tkeyring\n"),
                spec("fixture.Store"));
    }

    private String spec(String binaryName) throws IOException {
        return Files.readString(classes.resolve(CommandSpecProcessor.RESOURCE_FOLDER + binaryName + ".spec"));
    }

    private void write(String file, String text) throws IOException {
        Path path = sources.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    /** javac with pipecat-core on the processor path, as Maven's annotationProcessorPaths passes it. */
    private void compile(String... extra) throws IOException {
        Path core = Path.of(CommandSpecProcessor.class
                .getModule()
                .getLayer()
                .configuration()
                .findModule("io.pipecat.cli.core")
                .orElseThrow()
                .reference()
                .location()
                .orElseThrow());
        List<String> options = new ArrayList<>(List.of(
                "-d",
                classes.toString(),
                "-Xlint:-options",
                "--module-path",
                System.getProperty("jdk.module.path"),
                "-processorpath",
                core.toString()));
        options.addAll(List.of(extra));
        try (Stream<Path> walk = Files.walk(sources)) {
            walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> options.add(p.toString()));
        }
        StringWriter diagnostics = new StringWriter();
        PrintWriter writer = new PrintWriter(diagnostics);
        int exit = java.util.spi.ToolProvider.findFirst("javac")
                .orElseThrow()
                .run(writer, writer, options.toArray(String[]::new));
        writer.flush();
        assertEquals(0, exit, diagnostics.toString());
    }
}
