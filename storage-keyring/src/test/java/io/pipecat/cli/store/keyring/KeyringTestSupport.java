package io.pipecat.cli.store.keyring;

import org.junit.jupiter.api.Assumptions;

/** Decides whether the real-keychain tests can run here. */
final class KeyringTestSupport {
    private KeyringTestSupport() {
    }

    /**
     * Skips the test when there is no D-Bus session (run the suite with scripts/test.sh, which
     * starts one with gnome-keyring) — or fails it when PIPECAT_REQUIRE_KEYRING_TESTS=1 (CI).
     */
    static void assumeSecretService() {
        boolean available = System.getenv("DBUS_SESSION_BUS_ADDRESS") != null;
        if (!available && "1".equals(System.getenv("PIPECAT_REQUIRE_KEYRING_TESTS"))) {
            throw new AssertionError("PIPECAT_REQUIRE_KEYRING_TESTS=1 but there is no D-Bus session:"
                    + " run the tests through scripts/test.sh with gnome-keyring and dbus installed");
        }
        Assumptions.assumeTrue(available, "no D-Bus session: keyring tests skipped (use scripts/test.sh)");
    }
}
