package io.pipecat.cli.store.keyring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Child JVMs run as real modules ({@code java --module-path ... -m}) inside their OWN fresh
 * keyring session (with-keyring.sh), so these run inside or outside an outer session.
 */
class KeyringSessionChildTest {
    @BeforeAll
    static void needsGnomeKeyring() {
        if (!ChildJvm.canStartKeyringSession()) {
            System.out.println("[KeyringSessionChildTest] SKIPPED: needs dbus-run-session, dbus-send,"
                    + " gnome-keyring-daemon (apt-get install -y gnome-keyring dbus dbus-x11 libsecret-tools)");
        }
        KeyringTestSupport.assumeOrRequire(
                ChildJvm.canStartKeyringSession(), "gnome-keyring / dbus tools not installed");
    }

    static Stream<String> javaHomes() {
        List<String> homes = new ArrayList<>();
        homes.add(ChildJvm.currentJavaHome());
        for (String h : System.getProperty("smoke.extraJavaHomes", "").split(",")) {
            if (!h.isBlank() && Files.isExecutable(Paths.get(h.strip(), "bin", "java"))) {
                homes.add(h.strip());
            } else if (!h.isBlank()) {
                System.out.println("[smoke] extra JDK not found, not tested: " + h);
            }
        }
        return homes.stream();
    }

    static ChildJvm.Result inKeyringSession(String javaHome, List<String> jvmArgs, String... args) throws Exception {
        return ChildJvm.run(
                ChildJvm.prefixed(
                        List.of(ChildJvm.WITH_KEYRING.toString()), ChildJvm.javaCommand(javaHome, jvmArgs, args)),
                env -> env.remove("WITH_KEYRING_DAEMON_PID"),
                120);
    }

    /** Proves the module-info requires are complete: no surefire --add-modules ALL-MODULE-PATH here. */
    @ParameterizedTest(name = "module-path smoke on {0}")
    @MethodSource("javaHomes")
    void modulePathSmokeRoundTrip(String javaHome) throws Exception {
        ChildJvm.Result r =
                inKeyringSession(javaHome, List.of(), "smoke", "pipecat-cli-test-smoke-" + UUID.randomUUID());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("SMOKE OK"), r.output());
    }

    /** Reports (does not assert) costs; asserts only that both variants exit. */
    @Test
    void timings() throws Exception {
        String svc = "pipecat-cli-test-timing-" + UUID.randomUUID();
        ChildJvm.Result baseline =
                ChildJvm.run(ChildJvm.javaCommand(ChildJvm.currentJavaHome(), List.of(), "noop"), null, 60);
        ChildJvm.Result closed = inKeyringSession(ChildJvm.currentJavaHome(), List.of(), "timing", svc, "close");
        ChildJvm.Result notClosed = inKeyringSession(ChildJvm.currentJavaHome(), List.of(), "timing", svc, "noclose");
        assertEquals(0, closed.exitCode(), closed.output());
        assertEquals(0, notClosed.exitCode(), notClosed.output());
        System.out.println("[timing] " + line(closed.output()) + " (ms)");
        System.out.println("[timing] " + line(notClosed.output()) + " (ms)");
        System.out.println("[timing] JVM exit after main returned: no keyring (baseline) "
                + baseline.exitAfterMainEndMs() + " ms; with close() " + closed.exitAfterMainEndMs()
                + " ms; without close() " + notClosed.exitAfterMainEndMs()
                + " ms (exit watchdog closes dbus-java's non-daemon sender thread)");
    }

    private static String line(String out) {
        return out.lines().filter(l -> l.startsWith("TIMING")).findFirst().orElse("TIMING ?");
    }

    /**
     * A frozen (SIGSTOP) gnome-keyring-daemon never answers: the call must give up after the
     * timeout, later calls must fail fast, and a CLI ending with System.exit must exit promptly.
     */
    @Test
    void hungSecretServiceIsBoundedByTimeout() throws Exception {
        ChildJvm.Result r = ChildJvm.run(
                ChildJvm.prefixed(
                        List.of(ChildJvm.WITH_KEYRING.toString()),
                        ChildJvm.javaCommand(
                                ChildJvm.currentJavaHome(),
                                List.of("-Dkeyring.timeoutMs=1500", "-Dsmoke.systemExit=true"),
                                "hang",
                                "pipecat-cli-test-hang-" + UUID.randomUUID())),
                null,
                120);
        assertFalse(r.timedOut(), r.output());
        assertEquals(0, r.exitCode(), r.output());
        long first = Long.parseLong(r.field("FIRST_MS"));
        long second = Long.parseLong(r.field("SECOND_MS"));
        assertTrue(r.output().contains("KUE[TIMED_OUT]: The OS keychain did not answer within 1.5s (get;"), r.output());
        assertTrue(first >= 1400 && first < 3500, "first call should end at the 1.5 s limit: " + first);
        assertTrue(second < 500, "later calls fail fast: " + second);
        assertTrue(r.exitAfterMainEndMs() < 3000, "JVM exit delay " + r.exitAfterMainEndMs());
        System.out.println("[timing] hung daemon: get gave up after " + first + " ms, next call "
                + second + " ms, close " + r.field("CLOSE_MS") + " ms, exit after System.exit "
                + r.exitAfterMainEndMs() + " ms");
    }

    /**
     * Login collection locked (via the Secret Service Lock method): gnome-keyring tries to show an
     * unlock prompt (gcr-prompter, which fails without a display; with a display it would wait, and
     * the timeout covers that); java-keyring then NPEs — on get inside the JDK ({@code new
     * String(null)}), on set inside the library. Both must surface as LOCKED, in words, with no
     * Java exception text.
     */
    @ParameterizedTest
    @ValueSource(strings = {"set", "get"})
    void lockedCollectionFailsCleanly(String operation) throws Exception {
        String service = "pipecat-cli-test-locked-" + UUID.randomUUID();
        List<String> java = ChildJvm.javaCommand(
                ChildJvm.currentJavaHome(), List.of("-Dkeyring.timeoutMs=5000"), operation, service);
        // For get, an item to find (a get of an item that is not there needs no unlock); then lock.
        String seed = operation.equals("get")
                ? "secret-tool store --label=locked service " + service + " account smoke-account <<<stored && "
                : "";
        String script = seed + "dbus-send --session --print-reply --dest=org.freedesktop.secrets "
                + "/org/freedesktop/secrets org.freedesktop.Secret.Service.Lock "
                + "array:objpath:/org/freedesktop/secrets/collection/login >/dev/null && exec \"$@\"";
        List<String> cmd = new ArrayList<>(List.of(ChildJvm.WITH_KEYRING.toString(), "bash", "-c", script, "lock"));
        cmd.addAll(java);
        ChildJvm.Result r = ChildJvm.run(cmd, null, 120);
        assertFalse(r.timedOut(), r.output());
        assertEquals(3, r.exitCode(), r.output());
        assertTrue(
                r.output()
                        .contains("KUE[LOCKED]: The OS keychain is locked (the Secret Service gave no answer to "
                                + operation + ")"),
                r.output());
        assertFalse(r.output().contains("Exception"), r.output());
        assertFalse(r.output().contains("not-a-real-secret-123"), r.output());
        System.out.println("[timing] locked collection: " + operation + " failed after "
                + r.field(operation.toUpperCase(Locale.ROOT) + "_MS") + " ms");
    }
}
