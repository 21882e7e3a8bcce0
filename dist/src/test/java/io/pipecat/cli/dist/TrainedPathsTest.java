package io.pipecat.cli.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pipecat.cli.testkit.FakePipecatCloud;
import io.pipecat.cli.testkit.Organization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up cache is trained on the paths users take: whoami over https (a server whose
 * certificate is signed by the test kit's throw-away CA, trusted through the trust store the CLI is
 * given, as users' CAs are), with a real config file and the file store, and, where the build could
 * start a private keychain, with the keychain store. Proven on the shipped command line: the run
 * succeeds over TLS, and the TLS (and keychain) classes it loads come from the cache, not from the
 * runtime image. Without the CA in its trust store the same run is refused: the CLI's checks stay.
 */
class TrainedPathsTest {
    private static Path dist;

    @TempDir
    static Path home;

    @BeforeAll
    static void locate() {
        assumeFalse(Boolean.getBoolean("pipecat.image.skip"), "image build skipped (-Dpipecat.image.skip)");
        dist = Path.of(System.getProperty("pipecat.dist", "target/pipecat")).toAbsolutePath();
        assumeTrue(Files.isRegularFile(dist.resolve("jvm.args")), "no image built");
    }

    private record Run(int code, String out, String err, List<String> classes) {}

    @Test
    void whoamiOverHttpsWithTheFileStoreRunsFromTheCache() throws Exception {
        assumeTrue(cached(), "this image has no start-up cache");
        try (FakePipecatCloud fake = FakePipecatCloud.startHttps()
                .organizations(Organization.of("acme", "Acme Inc."))
                .acceptPat("pcc_pat_trained", "acme")) {
            Path trust = FakePipecatCloud.writeTrustStore(home.resolve("trust.jks"));
            Path config = config(home.resolve("file"));

            Run run = whoami(fake, config, trust);

            assertEquals(0, run.code(), run.err());
            assertTrue(run.out().contains("Acme Inc. (acme)"), run.out());
            assertTrue(run.out().contains("Token Source:        file"), run.out());
            assertFromCache(run, "sun.security.ssl.");
            assertFromCache(run, "org.apache.hc.client5.http.ssl.");
        }
    }

    @Test
    void withoutTheTestCaInItsTrustStoreTheCliRefusesTheServer() throws Exception {
        try (FakePipecatCloud fake = FakePipecatCloud.startHttps().acceptPat("pcc_pat_trained", "acme")) {
            Path config = config(home.resolve("untrusted"));

            Run run = whoami(fake, config, null);

            assertEquals(1, run.code(), run.out() + run.err());
            assertTrue(run.err().contains("Could not reach the Pipecat Cloud API"), run.err());
            assertTrue(fake.requests().isEmpty(), "no request may reach an untrusted server");
        }
    }

    @Test
    void whoamiWithTheKeychainStoreRunsFromTheCacheWhenTheBuildTrainedIt() throws Exception {
        assumeTrue(cached(), "this image has no start-up cache");
        assumeTrue(
                "true".equals(imageProperties().getProperty("keychain.trained")),
                "the image build could not start a private keychain (no dbus-run-session/gnome-keyring-daemon)");
        assumeTrue(
                System.getenv("WITH_KEYRING_DAEMON_PID") != null,
                "no private Secret Service for this test (run it through scripts/with-keyring.sh)");
        try (FakePipecatCloud fake = FakePipecatCloud.startHttps()
                .organizations(Organization.of("acme", "Acme Inc."))
                .acceptPat("pcc_pat_trained", "acme")) {
            Path trust = FakePipecatCloud.writeTrustStore(home.resolve("trust-keychain.jks"));
            Path config = config(home.resolve("keychain"));
            Run moved = run(fake, config, trust, List.of("cloud", "auth", "store", "keyring"));
            assertEquals(0, moved.code(), moved.err());
            try {
                Run run = whoami(fake, config, trust);

                assertEquals(0, run.code(), run.err());
                assertTrue(run.out().contains("Token Source:        keyring"), run.out());
                assertFromCache(run, "org.freedesktop.dbus.");
                assertFromCache(run, "sun.security.ssl.");
            } finally {
                run(fake, config, trust, List.of("cloud", "auth", "logout"));
            }
        }
    }

    private static void assertFromCache(Run run, String prefix) {
        List<String> loaded =
                run.classes().stream().filter(l -> l.contains(" " + prefix)).toList();
        assertFalse(loaded.isEmpty(), "the run loads " + prefix + "* classes");
        List<String> notCached = loaded.stream()
                .filter(l -> !l.contains("source: shared objects file"))
                .filter(l -> !l.contains("$$Lambda") && !l.contains("/0x")) // made at run time, never archived
                .collect(Collectors.toList());
        assertTrue(notCached.isEmpty(), prefix + "* classes loaded from outside the cache: " + notCached);
    }

    private static Path config(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path config = folder.resolve("pipecatcloud.toml");
        Files.writeString(
                config,
                "token = \"pcc_pat_trained\"\norg = \"acme\"\nrefresh_token = \"\"\ntoken_expires_at = 0\n\n[acme]\n");
        return config;
    }

    private static Run whoami(FakePipecatCloud fake, Path config, Path trust) throws IOException, InterruptedException {
        return run(fake, config, trust, List.of("cloud", "auth", "whoami"));
    }

    /** Runs the shipped command line ({@code java @jvm.args}) with class loading logged to a file. */
    private static Run run(FakePipecatCloud fake, Path config, Path trust, List<String> words)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(home, "classes", ".log");
        List<String> command = new ArrayList<>(List.of(dist.resolve("java").toString()));
        if (trust != null) {
            command.add("-Djavax.net.ssl.trustStore=" + trust);
        }
        // The args file ends with -m MODULE/MAIN (or, before JDK 24, the main class alone); the VM
        // options go before it, after its -Xlog:disable.
        List<String> args = Files.readAllLines(dist.resolve("jvm.args")).stream()
                .map(l -> l.replaceAll("^\"|\"$", "").replace("\\\"", "\"").replace("\\\\", "\\"))
                .toList();
        int main = args.contains("-m") ? args.indexOf("-m") : args.size() - 1;
        command.addAll(args.subList(0, main));
        command.add("-Xlog:class+load=info:file=" + log);
        command.addAll(args.subList(main, args.size()));
        command.addAll(words);
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet()
                .removeIf(k -> k.startsWith("PIPECAT_")
                        || k.equals("JAVA_TOOL_OPTIONS")
                        || k.equals("_JAVA_OPTIONS")
                        || k.equals("JDK_JAVA_OPTIONS"));
        env.put("HOME", config.getParent().toString());
        env.put("PIPECAT_CONFIG_PATH", config.toString());
        env.put("PIPECAT_PLUGIN_PATH", home.resolve("no-plugins").toString());
        env.put("PIPECAT_API_HOST", fake.baseUrl());
        Path errFile = Files.createTempFile(home, "err", ".txt");
        pb.redirectError(errFile.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out;
        try (InputStream o = p.getInputStream()) {
            out = o.readAllBytes();
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI finished");
        List<String> classes = Files.readAllLines(log);
        String err = Files.readString(errFile);
        Files.delete(log);
        Files.delete(errFile);
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), err, classes);
    }

    private static boolean cached() throws IOException {
        return !imageProperties().getProperty("caches", "").isBlank();
    }

    private static Properties imageProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(dist.resolve("image.properties"))) {
            properties.load(in);
        }
        return properties;
    }
}
