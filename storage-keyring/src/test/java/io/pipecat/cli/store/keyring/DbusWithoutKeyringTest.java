package io.pipecat.cli.store.keyring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private D-Bus session with no unlocked keyring. Independent of the outer session: each test
 * starts its own bus with dbus-run-session.
 */
class DbusWithoutKeyringTest {
    static final long TIMEOUT_MS = 5000;

    @TempDir
    Path tmp;

    /**
     * Standard session config: org.freedesktop.secrets is D-Bus-activatable (gnome-keyring
     * installed), so the bus starts gnome-keyring-daemon on demand, but it has no login keyring /
     * default collection (nobody unlocked one). java-keyring's create() succeeds and setPassword
     * throws a NullPointerException inside the library; we must turn it into a clear failure.
     */
    @Test
    void setFailsCleanlyWhenKeyringIsActivatedButHasNoUnlockedCollection() throws Exception {
        KeyringTestSupport.assumeOrRequire(ChildJvm.onPath("dbus-run-session"), "dbus-run-session not installed");
        ChildJvm.Result r = runSet(List.of("dbus-run-session", "--"));
        assertCleanKeyringFailure(r);
    }

    /** A bus without service activation at all: no Secret Service on the bus. */
    @Test
    void setFailsCleanlyWhenNoSecretServiceIsOnTheBus() throws Exception {
        KeyringTestSupport.assumeOrRequire(ChildJvm.onPath("dbus-run-session"), "dbus-run-session not installed");
        Path conf = tmp.resolve("session.conf");
        Files.writeString(conf, """
        <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
         "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <busconfig>
          <type>session</type>
          <listen>unix:tmpdir=%s</listen>
          <auth>EXTERNAL</auth>
          <policy context="default">
            <allow send_destination="*" eavesdrop="true"/>
            <allow eavesdrop="true"/>
            <allow own="*"/>
          </policy>
        </busconfig>
        """.formatted(tmp));
        ChildJvm.Result r = runSet(List.of("dbus-run-session", "--config-file=" + conf, "--"));
        assertCleanKeyringFailure(r);
    }

    private ChildJvm.Result runSet(List<String> prefix) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path run = Files.createDirectories(tmp.resolve("run"));
        List<String> cmd = ChildJvm.prefixed(
                prefix,
                ChildJvm.javaCommand(
                        ChildJvm.currentJavaHome(),
                        List.of("-Dkeyring.timeoutMs=" + TIMEOUT_MS),
                        "set",
                        "pipecat-cli-test-nokeyring"));
        return ChildJvm.run(
                new ArrayList<>(cmd),
                (Map<String, String> env) -> {
                    env.remove("DBUS_SESSION_BUS_ADDRESS"); // dbus-run-session sets its own
                    env.remove("WITH_KEYRING_DAEMON_PID");
                    // an activated gnome-keyring-daemon must not touch the real ~/.local/share/keyrings
                    env.put("XDG_DATA_HOME", data.toString());
                    env.put("XDG_RUNTIME_DIR", run.toString());
                },
                60);
    }

    private static void assertCleanKeyringFailure(ChildJvm.Result r) {
        assertFalse(r.timedOut(), "child hung: " + r.output());
        assertEquals(3, r.exitCode(), "expected KeyringUnavailableException, got: " + r.output());
        assertTrue(
                r.output().contains("KUE[LOCKED]: The OS keychain is locked")
                        || r.output()
                                .contains("KUE[NOT_RUNNING]: The OS keychain cannot be reached: no Secret Service"),
                r.output());
        assertFalse(r.output().contains("Exception"), "no Java exception text: " + r.output());
        assertFalse(r.output().contains("not-a-real-secret-123"), "secret leaked: " + r.output());
        String setMs = r.field("SET_MS");
        String openMs = r.field("ELAPSED_MS");
        System.out.println("[timing] no unlocked keyring: "
                + (setMs != null ? "set() failed after " + setMs + " ms" : "open() failed") + "; child JVM total "
                + r.elapsedMs() + " ms");
        assertTrue(r.elapsedMs() < 4 * TIMEOUT_MS, "took too long: " + r.elapsedMs() + " ms");
        if (setMs != null) {
            assertTrue(Long.parseLong(setMs) <= TIMEOUT_MS + 1000, "set not bounded: " + setMs);
        }
    }
}
