package io.pipecat.cli.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.dist.image.LightInvocations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real {@code ./pipecat} script in a stand-in checkout: a {@code java} that prints the
 * argument file it was given and a {@code mvnw} that records that it ran. Checks which start-up
 * cache the script picks (from the same light-invocation list the cache training reads) and which
 * edits make it rebuild.
 */
class PipecatScriptTest {
    private static final Path REPO =
            Path.of(System.getProperty("pipecat.root", "..")).toAbsolutePath().normalize();
    private static final Path LIST = REPO.resolve("dist/src/image/light-invocations");
    /** Commands that do work: the full cache's own training runs (see CacheTrainer). */
    private static final List<List<String>> WORKING = List.of(
            List.of("cloud", "auth", "whoami"),
            List.of("cloud", "auth", "whoami", "--json"),
            List.of("cloud", "auth"),
            List.of("nosuchcommand"),
            List.of("cloud", "auth", "login"),
            List.of("helpme"),
            List.of("cloud", "auth", "use-pat", "-"));

    @TempDir
    Path root;

    private Path dist;
    private FileTime built;

    @BeforeEach
    void checkout() throws IOException {
        Files.copy(REPO.resolve("pipecat"), root.resolve("pipecat"));
        dist = Files.createDirectories(root.resolve("dist/target/pipecat"));
        executable(root.resolve("mvnw"), "#!/bin/sh\necho ran >> \"$(dirname \"$0\")/mvnw-ran\"\n");
        executable(dist.resolve("java"), "#!/bin/sh\nfor a; do case \"$a\" in @*) echo \"$a\" ;; esac; done\n");
        Files.writeString(dist.resolve("jvm.args"), "");
        Files.writeString(dist.resolve("jvm-light.args"), "");
        Files.copy(LIST, dist.resolve("light-invocations"));
        Files.createDirectories(root.resolve(".mvn/wrapper"));
        Files.writeString(root.resolve(".mvn/wrapper/maven-wrapper.properties"), "");
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.createDirectories(root.resolve("dist/src/image"));
        Files.copy(LIST, root.resolve("dist/src/image/light-invocations"));
        FileTime before = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.toList()) {
                Files.setLastModifiedTime(p, before);
            }
        }
        Files.createFile(dist.resolve(".built"));
        built = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        Files.setLastModifiedTime(dist.resolve(".built"), built);
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String pipecat(List<String> words) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("bash", root.resolve("pipecat").toString()));
        command.addAll(words);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("HOME", root.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private String argsFileFor(List<String> words) throws IOException, InterruptedException {
        String out = pipecat(words);
        return out.substring(out.lastIndexOf('/') + 1);
    }

    @Test
    void everyInvocationTheLightCacheIsTrainedOnStartsWithTheLightCache() throws Exception {
        List<List<String>> trained = LightInvocations.training(LIST);
        assertTrue(trained.size() >= 5, trained.toString());
        for (List<String> words : trained) {
            assertEquals("jvm-light.args", argsFileFor(words), "./pipecat " + words);
        }
        assertEquals("jvm-light.args", argsFileFor(List.of("cloud", "auth", "login", "--help")));
        assertEquals("jvm-light.args", argsFileFor(List.of("help", "cloud", "auth", "login")));
        assertEquals("jvm-light.args", argsFileFor(List.of("completion", "zsh")));
    }

    @Test
    void commandsThatDoWorkStartWithTheFullCache() throws Exception {
        for (List<String> words : WORKING) {
            assertEquals("jvm.args", argsFileFor(words), "./pipecat " + words);
        }
    }

    @Test
    void theScriptReadsTheListItIsGivenNotAListOfItsOwn() throws Exception {
        Files.writeString(dist.resolve("light-invocations"), "# only this\nfrobnicate ...\n");
        assertEquals("jvm-light.args", argsFileFor(List.of("frobnicate", "now")));
        assertEquals("jvm.args", argsFileFor(List.of("--help")));
        assertEquals("jvm.args", argsFileFor(List.of()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "core/src/main/java/io/x/A.java",
                "pom.xml",
                "launcher/pom.xml",
                "dist/src/image/light-invocations",
                "dist/src/test/java/io/pipecat/cli/dist/image/ImageBuild.java",
                ".mvn/wrapper/maven-wrapper.properties",
                ".mvn/jvm.config",
                "mvnw"
            })
    void anEditThatChangesTheBuildRebuildsFirst(String path) throws Exception {
        edit(path);
        assertEquals("jvm.args", argsFileFor(List.of("cloud", "auth", "whoami")));
        assertTrue(Files.exists(root.resolve("mvnw-ran")), "no build after editing " + path);
        assertTrue(Files.getLastModifiedTime(dist.resolve(".built")).compareTo(built) > 0, "the stamp is renewed");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "README.md",
                "core/src/test/java/io/x/ATest.java",
                "dist/target/pipecat/lib/x.jar",
                "bench/notes.txt"
            })
    void anEditThatCannotChangeTheBuildDoesNotRebuild(String path) throws Exception {
        edit(path);
        pipecat(List.of("--version"));
        assertFalse(Files.exists(root.resolve("mvnw-ran")), "rebuilt after editing " + path);
    }

    @Test
    void theFirstRunSaysItBuildsOnceAndWhereTheBuildOutputGoes() throws Exception {
        Files.delete(dist.resolve(".built"));
        executable(root.resolve("mvnw"), "#!/bin/sh\necho MAVEN NOISE\necho ran >> \"$(dirname \"$0\")/mvnw-ran\"\n");
        Run run = run(List.of("--version"));
        assertEquals(0, run.exit(), run.output());
        Path log = root.resolve("dist/target/pipecat-build.log");
        assertTrue(
                run.output().contains("pipecat: building the CLI from this checkout, once (about 1–3 minutes"),
                run.output());
        assertTrue(run.output().contains("pipecat: build output goes to " + log), run.output());
        assertTrue(run.output().matches("(?s).*pipecat: built in \\d+ s\\.\n.*"), run.output());
        assertFalse(run.output().contains("MAVEN NOISE"), "the build's output stays out of the terminal");
        assertTrue(Files.readString(log).contains("MAVEN NOISE"), "it is in the log");
        assertTrue(Files.exists(dist.resolve(".built")));

        edit("core/src/main/java/io/x/A.java");
        assertTrue(run(List.of("--version")).output().contains("sources changed since the last build: rebuilding"));
    }

    @Test
    void aFailedBuildShowsTheEndOfItsLog() throws Exception {
        edit("pom.xml");
        executable(root.resolve("mvnw"), "#!/bin/sh\necho '[ERROR] COMPILATION ERROR in A.java'\nexit 1\n");
        Run run = run(List.of("--version"));
        assertEquals(1, run.exit(), run.output());
        assertTrue(
                run.output()
                        .contains("pipecat: build failed; the end of " + root.resolve("dist/target/pipecat-build.log")),
                run.output());
        assertTrue(run.output().endsWith("[ERROR] COMPILATION ERROR in A.java"), run.output());
    }

    private record Run(int exit, String output) {}

    private Run run(List<String> words) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("bash", root.resolve("pipecat").toString()));
        command.addAll(words);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("HOME", root.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }

    private void edit(String path) throws IOException {
        Path file = root.resolve(path);
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "edited\n");
        }
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
    }
}
