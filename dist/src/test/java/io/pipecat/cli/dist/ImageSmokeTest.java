package io.pipecat.cli.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.pipecat.cli.dist.image.ImageJdk;
import io.pipecat.cli.testkit.FakePipecatCloud;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI smoke test of the fast distribution that the image build ({@code io.pipecat.cli.dist.image.ImageBuild})
 * leaves in {@code target/pipecat}: the runtime image was built with the chosen JDK, nothing of
 * the build (training code, training home, temp files) is left or shipped, and the exact command
 * line {@code ./pipecat} uses ({@code target/pipecat/java @target/pipecat/jvm.args …}) runs
 * {@code --version}, {@code --help}, a third-party plugin and keychain commands with NOTHING on
 * stderr (no refused-cache warning, no SLF4J notice, no JNA restricted-method warning, no
 * module-resolution error). Skipped with {@code -Dpipecat.image.skip}.
 */
class ImageSmokeTest {
    private static Path dist;

    @TempDir
    static Path home;

    @BeforeAll
    static void locate() {
        assumeFalse(Boolean.getBoolean("pipecat.image.skip"), "image build skipped (-Dpipecat.image.skip)");
        dist = Path.of(System.getProperty("pipecat.dist", "target/pipecat")).toAbsolutePath();
    }

    private record Run(int code, String out, String err) {}

    private static Run pipecat(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        return pipecatWith("jvm.args", extraEnv, args);
    }

    private static Run pipecatWith(String argsFile, Map<String, String> extraEnv, String... args)
            throws IOException, InterruptedException {
        return pipecatWith(argsFile, "", extraEnv, args);
    }

    private static Run pipecatWith(String argsFile, String stdin, Map<String, String> extraEnv, String... args)
            throws IOException, InterruptedException {
        Path in = Files.writeString(Files.createTempFile(home, "in", ".txt"), stdin);
        List<String> command = new ArrayList<>(List.of(dist.resolve("java").toString(), "@" + dist.resolve(argsFile)));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(in.toFile());
        Map<String, String> env = pb.environment();
        env.keySet()
                .removeIf(k -> k.startsWith("PIPECAT_")
                        || k.equals("JAVA_TOOL_OPTIONS")
                        || k.equals("_JAVA_OPTIONS")
                        || k.equals("JDK_JAVA_OPTIONS"));
        env.put("HOME", home.toString());
        extraEnv.forEach((k, v) -> {
            if (v == null) {
                env.remove(k);
            }
        });
        env.put("PIPECAT_CONFIG_PATH", home.resolve("pipecatcloud.toml").toString());
        env.put("PIPECAT_PLUGIN_PATH", home.resolve("no-plugins").toString());
        extraEnv.forEach((k, v) -> {
            if (v != null) {
                env.put(k, v);
            }
        });
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "pipecat " + String.join(" ", args) + " did not finish");
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theDistributionRunsFromARuntimeImage() throws IOException {
        Path java = dist.resolve("java").toRealPath();
        assertTrue(
                java.startsWith(dist.resolve("image").toRealPath()),
                "the image build fell back to " + java + " (see target/image-work/*.log)");
        assertTrue(Files.readString(dist.resolve("jvm.args")).contains("-Xlog:disable"));
    }

    @Test
    void versionRunsWithNothingOnStderr() throws Exception {
        Run run = pipecat(Map.of(), "--version");
        assertEquals("", run.err());
        assertEquals(0, run.code());
        assertTrue(run.out().startsWith("pipecat version "), run.out());
    }

    @Test
    void theLightCacheRunsHelpLikeCommandsWithNothingOnStderr() throws Exception {
        assumeFalse(!Files.exists(dist.resolve("jvm-light.args")), "no light cache (built with a JDK < 24)");
        for (String[] words :
                new String[][] {{"--help"}, {"--version"}, {"cloud", "--show-cli-config"}, {"plugins", "list"}}) {
            Run run = pipecatWith("jvm-light.args", Map.of(), words);
            assertEquals(0, run.code(), String.join(" ", words) + ": " + run.err());
            assertEquals("", run.err(), String.join(" ", words));
        }
    }

    @Test
    void helpRunsWithNothingOnStderr() throws Exception {
        Run run = pipecat(Map.of(), "--help");
        assertEquals("", run.err());
        assertEquals(0, run.code());
        assertTrue(run.out().contains("plugins"), run.out());
    }

    @Test
    void aThirdPartyPluginLoadsInItsOwnLayerOnTheImage() throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Files.copy(
                Path.of(System.getProperty("pipecat.examplePlugin")),
                plugins.resolve("example.jar"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run run = pipecat(Map.of("PIPECAT_PLUGIN_PATH", plugins.toString()), "--help");
        assertEquals("", run.err());
        assertEquals(0, run.code());
        assertTrue(run.out().contains("hello"), run.out());
    }

    @Test
    void theImageIsBuiltWithTheChosenJdkAndSaysSo() throws IOException {
        Properties built = new Properties();
        try (InputStream in = Files.newInputStream(dist.resolve("image.properties"))) {
            built.load(in);
        }
        ImageJdk.Choice expected = ImageJdk.choose(
                System.getProperty("pipecat.image.jdk", ""),
                System.getenv(),
                Path.of("/usr/lib/jvm"),
                Path.of(System.getProperty("pipecat.maven.java.home", System.getProperty("java.home"))));
        assertEquals(expected.jdk().home().toString(), built.getProperty("jdk.home"), "the JDK the build reports");
        assertEquals(expected.jdk().version(), built.getProperty("jdk.version"));
        ImageJdk runtime = ImageJdk.at(dist.resolve("image")).orElseThrow();
        assertEquals(expected.jdk().version(), runtime.version(), "the runtime was linked from the chosen JDK");
    }

    @Test
    void theImageBuildLeavesNothingInItsPrivateTempFolderNorATrainingHome() throws IOException {
        // The build runs with java.io.tmpdir and TMPDIR set to this folder (dist/pom.xml); training
        // once left a pipecat-training* folder holding a token in the temp folder after every build.
        Path tmp = Path.of(System.getProperty("pipecat.image.tmp"));
        assertTrue(Files.isDirectory(tmp), tmp + " (the build's temp folder) is missing");
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "left in the build's temp folder");
        }
        assertFalse(
                Files.exists(dist.resolveSibling("image-work").resolve("training")), "the training home is deleted");
    }

    @Test
    void theShippedLauncherAndImageHoldNoTrainingCode() throws IOException {
        try (Stream<Path> jars = Files.list(dist.resolve("lib"))) {
            Path launcher = jars.filter(p -> p.getFileName().toString().startsWith("pipecat-launcher"))
                    .findFirst()
                    .orElseThrow();
            try (JarFile jar = new JarFile(launcher.toFile())) {
                assertEquals(
                        List.of(),
                        jar.stream()
                                .map(e -> e.getName())
                                .filter(n -> n.contains("Training"))
                                .toList());
            }
        }
        byte[] modules = Files.readAllBytes(dist.resolve("image/lib/modules"));
        assertFalse(
                new String(modules, StandardCharsets.ISO_8859_1).contains("TrainingRun"),
                "TrainingRun linked into the image");
    }

    @Test
    void theDistributionCarriesTheOneLightInvocationList() throws IOException {
        Path source = Path.of(System.getProperty("pipecat.root"), "dist/src/image/light-invocations");
        assertEquals(Files.readString(source), Files.readString(dist.resolve("light-invocations")));
    }

    @Test
    void aKeychainCommandWithoutDbusPrintsNoRestrictedMethodWarning() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PIPECAT_CREDENTIAL_STORE", "keyring");
        env.put("DBUS_SESSION_BUS_ADDRESS", null);
        for (String args : List.of("jvm.args", "jvm-light.args")) {
            if (!Files.exists(dist.resolve(args))) {
                continue;
            }
            Run run = pipecatWith(args, env, "cloud", "auth", "whoami");
            assertEquals(5, run.code(), run.err());
            assertFalse(run.err().contains("WARNING"), args + ": " + run.err());
            assertTrue(run.err().startsWith("The OS keychain cannot be reached"), run.err());
            assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        }
    }

    @Test
    void withAKeychainUsePatAndWhoamiPrintNothingButTheirAnswer() throws Exception {
        String bus = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        Assumptions.assumeTrue(
                bus != null && !bus.isBlank() || "1".equals(System.getenv("PIPECAT_REQUIRE_KEYRING_TESTS")),
                "no D-Bus session: run under scripts/with-keyring.sh");
        try (FakePipecatCloud fake = FakePipecatCloud.start().acceptPat("pcc_pat_image_smoke", "acme")) {
            Map<String, String> env = Map.of("PIPECAT_CREDENTIAL_STORE", "keyring", "PIPECAT_API_HOST", fake.baseUrl());
            try {
                Run pat = pipecatWith("jvm.args", "pcc_pat_image_smoke\n", env, "cloud", "auth", "use-pat", "-");
                assertEquals("", pat.err());
                assertEquals(0, pat.code());
                Run whoami = pipecat(env, "cloud", "auth", "whoami");
                assertEquals("", whoami.err());
                assertEquals(0, whoami.code());
                assertTrue(whoami.out().contains("keyring"), whoami.out());
            } finally {
                pipecat(env, "cloud", "auth", "logout");
            }
            fake.assertNoUnexpectedRequests();
        }
    }
}
