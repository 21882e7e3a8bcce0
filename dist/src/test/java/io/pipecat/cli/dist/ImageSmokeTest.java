package io.pipecat.cli.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI smoke test of the fast distribution that {@code src/image/build-image.sh} leaves in
 * {@code target/pipecat}: the runtime image was built, and the exact command line {@code ./pipecat}
 * uses ({@code target/pipecat/java @target/pipecat/jvm.args …}) runs {@code --version},
 * {@code --help} and a third-party plugin with exit code 0 and NOTHING on stderr (no refused-cache
 * warning, no SLF4J notice, no module-resolution error). Skipped with {@code -Dpipecat.image.skip}.
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

    private record Run(int code, String out, String err) {
    }

    private static Run pipecat(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        return pipecatWith("jvm.args", extraEnv, args);
    }

    private static Run pipecatWith(String argsFile, Map<String, String> extraEnv, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(dist.resolve("java").toString(), "@" + dist.resolve(argsFile)));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PIPECAT_") || k.equals("JAVA_TOOL_OPTIONS") || k.equals("_JAVA_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
        env.put("HOME", home.toString());
        env.put("PIPECAT_CONFIG_PATH", home.resolve("pipecatcloud.toml").toString());
        env.put("PIPECAT_PLUGIN_PATH", home.resolve("no-plugins").toString());
        env.putAll(extraEnv);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "pipecat " + String.join(" ", args) + " did not finish");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theDistributionRunsFromARuntimeImage() throws IOException {
        Path java = dist.resolve("java").toRealPath();
        assertTrue(java.startsWith(dist.resolve("image").toRealPath()),
                "build-image.sh fell back to " + java + " (see target/image-work/*.log)");
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
        assumeFalse(!Files.exists(dist.resolve("jvm-light.args")), "no light cache (JDK < 25 or no TrainingRun)");
        for (String[] words : new String[][] {{"--help"}, {"--version"}, {"cloud", "--show-cli-config"}, {"plugins", "list"}}) {
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
        Files.copy(Path.of(System.getProperty("pipecat.examplePlugin")), plugins.resolve("example.jar"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run run = pipecat(Map.of("PIPECAT_PLUGIN_PATH", plugins.toString()), "--help");
        assertEquals("", run.err());
        assertEquals(0, run.code());
        assertTrue(run.out().contains("hello"), run.out());
    }
}
