package io.pipecat.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.e2e.CliProcess.Result;
import io.pipecat.cli.testkit.FakePipecatCloud;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A keychain that cannot be used, through the real CLI as a process (the runtime image, and the
 * {@code ./pipecat} script without it, where the JVM's own warnings would show): a locked Secret
 * Service (a private gnome-keyring whose login collection is locked) and no D-Bus at all. Each
 * failure is one line that says what is wrong and what to do, with no Java text and no JVM
 * warning; {@code store file} is always the way out.
 */
class KeychainTroubleEndToEndTest {
    private static final Path REPO =
            Path.of(System.getProperty("pipecat.root", "..")).toAbsolutePath().normalize();
    private static final String PAT = "pcc_pat_keychain_trouble";

    @TempDir
    Path home;

    private FakePipecatCloud fake;
    private Path config;
    private Path preferences;

    @BeforeEach
    void start() throws IOException {
        fake = FakePipecatCloud.start();
        config = home.resolve(".config/pipecatcloud/pipecatcloud.toml");
        preferences = config.resolveSibling("pipecat-cli.toml");
        Files.createDirectories(config.getParent());
        private600(config, "org = \"acme\"\n");
        private600(preferences, "[preferences]\ncredential_store = \"keyring\"\n");
    }

    @AfterEach
    void stop() {
        fake.assertNoUnexpectedRequests();
        fake.close();
    }

    /** The CLI with no D-Bus session at all (the variable unset). */
    private CliProcess withoutDbus() {
        return new CliProcess(home).env("PIPECAT_API_HOST", fake.baseUrl());
    }

    @Test
    void withoutDbusEveryKeychainFailureIsOneLineWithTheWayOut() {
        Result whoami = withoutDbus().run("cloud", "auth", "whoami");
        assertEquals(5, whoami.exit(), whoami.toString());
        assertEquals(
                "The OS keychain cannot be reached: there is no D-Bus session (DBUS_SESSION_BUS_ADDRESS is not set)."
                        + " Start a Secret Service such as gnome-keyring in a D-Bus session, or run pipecat cloud auth"
                        + " store file to keep credentials in the config file.\n",
                whoami.err());

        // A bus address that leads nowhere: still one line, and the variable's own way out when it
        // is what chose the keychain.
        Result dead = withoutDbus()
                .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + home.resolve("no-bus-here"))
                .env("PIPECAT_CREDENTIAL_STORE", "keyring")
                .run("cloud", "auth", "whoami");
        assertEquals(5, dead.exit(), dead.toString());
        assertOneLineWithoutJava(dead.err());
        assertTrue(dead.err().startsWith("The OS keychain cannot be reached:"), dead.err());
        assertTrue(dead.err().contains("or set PIPECAT_CREDENTIAL_STORE=file to keep"), dead.err());
    }

    @Test
    void storeFileWithoutDbusSwitchesTheChoiceAndSaysHowToRemoveTheKeychainItem() throws IOException {
        Result store = withoutDbus().run("cloud", "auth", "store", "file");
        assertEquals(0, store.exit(), store.toString());
        assertEquals(
                "Credential store set to file; the keyring store could not be reached, so no login was moved: run"
                        + " pipecat cloud auth login to log in again.\n",
                store.out());
        assertEquals(
                "Warning: The keyring store could not be reached, so a login it holds could not be removed; once it can be"
                        + " reached, remove it with: secret-tool clear service pipecat-cli account " + fake.baseUrl()
                        + "\n",
                store.err());
        assertEquals("[preferences]\ncredential_store = \"file\"\n", Files.readString(preferences));

        Result whoami = withoutDbus().run("cloud", "auth", "whoami");
        assertEquals(4, whoami.exit(), "the file store is in use now: " + whoami);
    }

    /** The variable already says file, the saved choice says keyring: the saved choice switches. */
    @Test
    void storeFileWithTheVariableSetToFileSavesTheChoice() throws IOException {
        Result store = withoutDbus().env("PIPECAT_CREDENTIAL_STORE", "file").run("cloud", "auth", "store", "file");
        assertEquals(0, store.exit(), store.toString());
        assertEquals("[preferences]\ncredential_store = \"file\"\n", Files.readString(preferences));
    }

    @Test
    void anUnknownStoreArgumentIsBlamedNotThePreferencesFile() throws IOException {
        Result store = withoutDbus().run("cloud", "auth", "store", "foo");
        assertEquals(2, store.exit(), store.toString());
        assertEquals(
                "Unknown credential store 'foo': choose one of file, keyring (pipecat cloud auth store file|keyring).\n",
                store.err());
        assertEquals("[preferences]\ncredential_store = \"keyring\"\n", Files.readString(preferences));
    }

    /**
     * A locked login collection (gnome-keyring in its own D-Bus session, locked through the Secret
     * Service's Lock method; with no display it cannot prompt): every keychain command fails in one
     * line saying it is locked, and {@code store file} still switches.
     */
    @Test
    void aLockedKeychainIsOneLineAndStoreFileIsTheWayOut() throws Exception {
        assumeKeyringTools();
        Path out = Files.createDirectories(home.resolve("out"));
        // dbus-daemon and gnome-keyring log to the stderr they inherit, so the CLI's own streams go
        // to files the test reads.
        String script = "set -e\n"
                + "printf '%s' '{\"token\":\"" + PAT + "\",\"refresh_token\":\"\",\"token_expires_at\":0}'"
                + " | secret-tool store --label=pipecat service pipecat-cli account '" + fake.baseUrl() + "'\n"
                + "dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets"
                + " org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login"
                + " >/dev/null\n"
                + "set +e\n"
                + "for run in whoami store; do\n"
                + "  if [ $run = whoami ]; then words='cloud auth whoami'; else words='cloud auth store file'; fi\n"
                + "  \"$@\" $words >\"$OUT/$run.out\" 2>\"$OUT/$run.err\" </dev/null; echo $? >\"$OUT/$run.rc\"\n"
                + "done\n";
        Result session = new CliProcess(home)
                .env("PIPECAT_API_HOST", fake.baseUrl())
                .env("OUT", out.toString())
                .wrappedIn(List.of(REPO.resolve("scripts/with-keyring.sh").toString(), "bash", "-c", script, "locked"))
                .run();
        assertEquals(0, session.exit(), session.toString());

        String whoamiErr = Files.readString(out.resolve("whoami.err"));
        assertEquals("5", Files.readString(out.resolve("whoami.rc")).strip(), whoamiErr);
        assertEquals(
                "The OS keychain is locked (the Secret Service gave no answer to get). Unlock it (your login keyring)"
                        + " and try again, or run pipecat cloud auth store file to keep credentials in the config"
                        + " file.\n",
                whoamiErr);

        String storeErr = Files.readString(out.resolve("store.err"));
        assertEquals("0", Files.readString(out.resolve("store.rc")).strip(), storeErr);
        assertTrue(
                Files.readString(out.resolve("store.out"))
                        .startsWith("Credential store set to file; the keyring store" + " could not be reached"),
                Files.readString(out.resolve("store.out")));
        assertTrue(
                storeErr.endsWith(
                        "remove it with: secret-tool clear service pipecat-cli account " + fake.baseUrl() + "\n"),
                storeErr);
        assertEquals("[preferences]\ncredential_store = \"file\"\n", Files.readString(preferences));
        assertFalse(whoamiErr.contains(PAT) || storeErr.contains(PAT));
    }

    /**
     * {@code ./pipecat} without the runtime image starts the plain module path with whatever java
     * it finds: on JDK 22+ JNA's library load then printed four "WARNING: A restricted method…"
     * lines before every keychain message. Checked on the JDK running the tests (17 must accept the
     * flag) and on the Temurin 25 beside it when there is one.
     */
    @Test
    void thePipecatScriptWithoutTheImagePrintsNoJvmWarnings() throws Exception {
        Path root = Files.createDirectories(home.resolve("checkout"));
        Files.copy(REPO.resolve("pipecat"), root.resolve("pipecat"));
        Path dist = Files.createDirectories(root.resolve("dist/target/pipecat"));
        Files.createSymbolicLink(dist.resolve("lib"), CliProcess.lib().toAbsolutePath());
        // A build stamp newer than everything in the stand-in checkout: the script builds nothing.
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.toList()) {
                Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
            }
        }
        Files.createFile(dist.resolve(".built"));

        List<Path> jdks = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
        temurin25().ifPresent(jdks::add);
        try {
            for (Path jdk : jdks) {
                assertNoJvmWarnings(root, jdk);
            }
        } finally {
            Files.delete(dist.resolve("lib")); // the link only: @TempDir would warn about it
        }
        System.out.println("[keychain] ./pipecat without the image checked on " + jdks);
    }

    private void assertNoJvmWarnings(Path root, Path jdk) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("pipecat").toString(), "cloud", "auth", "whoami");
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("JAVA_HOME", jdk.toString());
        pb.environment().put("PIPECAT_CONFIG_PATH", config.toString());
        pb.environment().put("PIPECAT_PLUGIN_PATH", home.resolve("plugins").toString());
        pb.environment().put("PIPECAT_API_HOST", fake.baseUrl());
        Process p = pb.start();
        p.getOutputStream().close();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(5, p.exitValue(), jdk + ": " + stdout + stderr);
        assertFalse(stderr.contains("WARNING"), jdk + ": " + stderr);
        assertOneLineWithoutJava(stderr);
        assertTrue(stderr.startsWith("The OS keychain cannot be reached: there is no D-Bus session"), stderr);
    }

    private static Optional<Path> temurin25() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(jvms)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("temurin-25"))
                    .filter(p -> Files.isExecutable(p.resolve("bin/java")))
                    .sorted()
                    .findFirst();
        }
    }

    private static void assertOneLineWithoutJava(String stderr) {
        assertEquals(1, stderr.lines().count(), "one line: " + stderr);
        for (String javaText : List.of("Exception", "java.", "WARNING", "OS keychain unavailable")) {
            assertFalse(stderr.contains(javaText), "no '" + javaText + "': " + stderr);
        }
    }

    private static void assumeKeyringTools() {
        boolean available = Stream.of("dbus-run-session", "dbus-send", "gnome-keyring-daemon", "secret-tool")
                .allMatch(tool -> Stream.of(
                                System.getenv().getOrDefault("PATH", "").split(":"))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool))));
        if (!available && "1".equals(System.getenv("PIPECAT_REQUIRE_KEYRING_TESTS"))) {
            throw new AssertionError("PIPECAT_REQUIRE_KEYRING_TESTS=1 but gnome-keyring/dbus/secret-tool are missing");
        }
        Assumptions.assumeTrue(
                available, "gnome-keyring, dbus or secret-tool not installed: locked-keychain test skipped");
    }

    private static void private600(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
