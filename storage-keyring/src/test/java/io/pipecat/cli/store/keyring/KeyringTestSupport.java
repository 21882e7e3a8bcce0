package io.pipecat.cli.store.keyring;

import org.junit.jupiter.api.Assumptions;

/** Decides whether the real-keychain tests can run here. */
final class KeyringTestSupport {
    private KeyringTestSupport() {}

    /**
     * Skips the test when there is no D-Bus session (run the suite with scripts/test.sh, which
     * starts one with gnome-keyring) — or fails it when PIPECAT_REQUIRE_KEYRING_TESTS=1 (CI).
     */
    static void assumeSecretService() {
        String bus = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        assumeOrRequire(
                bus != null && !bus.isBlank(),
                "no D-Bus session: keyring tests skipped (run scripts/test.sh with gnome-keyring and dbus installed)");
    }

    /**
     * Skips the test when {@code available} is false, printing why — or fails it when
     * PIPECAT_REQUIRE_KEYRING_TESTS=1 (CI), where a skipped keychain test would hide a gap.
     */
    static void assumeOrRequire(boolean available, String why) {
        if (!available && "1".equals(System.getenv("PIPECAT_REQUIRE_KEYRING_TESTS"))) {
            throw new AssertionError("PIPECAT_REQUIRE_KEYRING_TESTS=1 but " + why);
        }
        if (!available) {
            System.out.println("[keyring tests] SKIPPED: " + why);
        }
        Assumptions.assumeTrue(available, why);
    }
}
