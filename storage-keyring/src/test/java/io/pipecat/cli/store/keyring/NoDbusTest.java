package io.pipecat.cli.store.keyring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs everywhere (inside or outside a keyring session): the child JVM never sees a bus. */
class NoDbusTest {
    @Test
    void openFailsFastWithHelpfulMessageWithoutDbusSession() throws Exception {
        ChildJvm.Result r = ChildJvm.run(
                ChildJvm.javaCommand(ChildJvm.currentJavaHome(), List.of("-Dkeyring.timeoutMs=5000"), "open"),
                env -> env.remove("DBUS_SESSION_BUS_ADDRESS"),
                60);
        assertEquals(3, r.exitCode(), r.output());
        assertTrue(
                r.output()
                        .contains("KUE[NO_DBUS_SESSION]: The OS keychain cannot be reached: there is no D-Bus session"),
                r.output());
        assertFalse(r.output().contains("Exception"), "no raw exception in the user message: " + r.output());
        long openMs = Long.parseLong(r.field("ELAPSED_MS"));
        System.out.println("[timing] open() without D-Bus fails after " + openMs + " ms (child JVM total "
                + r.elapsedMs() + " ms)");
        assertTrue(openMs < 5000, "must fail fast, not by timeout: " + openMs + " ms");
    }
}
