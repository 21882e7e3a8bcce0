package io.pipecat.cli.store.keyring.smoke;

import io.pipecat.cli.store.keyring.BoundedKeyring;
import io.pipecat.cli.store.keyring.KeyringUnavailableException;
import java.time.Duration;
import java.util.Optional;

/**
 * Child-process driver for the tests, run as a real module:
 * {@code java --module-path target/classes:target/mods -m io.pipecat.cli.store.keyring/io.pipecat.cli.store.keyring.smoke.KeyringSmokeMain MODE [service]}.
 *
 * <p>Modes: {@code smoke SERVICE} (set/get/overwrite/delete round trip), {@code open}, {@code set
 * SERVICE}, {@code timing SERVICE close|noclose}, {@code hang SERVICE} (freezes the daemon whose pid
 * is in WITH_KEYRING_DAEMON_PID, then calls get), {@code noop} (JVM exit baseline). Timeout:
 * -Dkeyring.timeoutMs (default 5000). Exit codes: 0 ok, 3 KeyringUnavailableException (message on
 * stdout as "KUE[REASON]: message"), 4 anything else (a bug: e.g. a class missing from the module
 * graph that escaped the wrapper), 2 usage. Last line is always "MAIN_END_MS=epochMillis".
 */
public final class KeyringSmokeMain {
    private KeyringSmokeMain() {}

    public static void main(String[] args) {
        int rc;
        try {
            rc = run(args);
        } catch (KeyringUnavailableException e) {
            System.out.println("KUE[" + e.reason() + "]: " + e.getMessage());
            rc = 3;
        } catch (Throwable t) {
            System.out.println("UNEXPECTED: " + t);
            t.printStackTrace(System.out);
            rc = 4;
        }
        System.out.println("MAIN_END_MS=" + System.currentTimeMillis());
        System.out.flush();
        // rc 0 normally returns from main, so the test sees whether lingering library threads keep the
        // JVM alive; -Dsmoke.systemExit=true ends like a CLI launcher that always calls System.exit.
        if (rc != 0 || Boolean.getBoolean("smoke.systemExit")) {
            System.exit(rc);
        }
    }

    private static int run(String[] args) throws Exception {
        if (args.length == 0) {
            System.out.println("usage: MODE [service]");
            return 2;
        }
        Duration timeout = Duration.ofMillis(Long.getLong("keyring.timeoutMs", 5000));
        String mode = args[0];
        String service = args.length > 1 ? args[1] : "pipecat-cli-smoke";
        String account = "smoke-account";
        switch (mode) {
            case "noop":
                return 0;
            case "open": {
                long t0 = System.nanoTime();
                try {
                    BoundedKeyring.open(timeout).close();
                    System.out.println("OPENED in " + ms(t0) + " ms");
                } finally {
                    System.out.println("ELAPSED_MS=" + ms(t0));
                }
                return 0;
            }
            case "set": {
                long t0 = System.nanoTime();
                try (BoundedKeyring k = BoundedKeyring.open(timeout)) {
                    System.out.println("OPENED in " + ms(t0) + " ms");
                    long t1 = System.nanoTime();
                    try {
                        k.set(service, account, "not-a-real-secret-123");
                        System.out.println("SET OK");
                    } finally {
                        System.out.println("SET_MS=" + ms(t1));
                    }
                }
                return 0;
            }
            case "get": {
                long t0 = System.nanoTime();
                try (BoundedKeyring k = BoundedKeyring.open(timeout)) {
                    long t1 = System.nanoTime();
                    try {
                        System.out.println("GET " + (k.get(service, account).isPresent() ? "FOUND" : "EMPTY"));
                    } finally {
                        System.out.println("GET_MS=" + ms(t1) + " ELAPSED_MS=" + ms(t0));
                    }
                }
                return 0;
            }
            case "smoke": {
                try (BoundedKeyring k = BoundedKeyring.open(timeout)) {
                    check(k.get(service, account).isEmpty(), "fresh item absent");
                    k.set(service, account, "first");
                    check(k.get(service, account).equals(Optional.of("first")), "get after set");
                    k.set(service, account, "second ✓");
                    check(k.get(service, account).equals(Optional.of("second ✓")), "get after overwrite");
                    check(k.delete(service, account), "delete existing");
                    check(!k.delete(service, account), "delete missing");
                    check(k.get(service, account).isEmpty(), "absent after delete");
                }
                System.out.println("SMOKE OK on Java " + Runtime.version());
                return 0;
            }
            case "timing": {
                boolean close = args.length < 3 || !"noclose".equals(args[2]);
                long t0 = System.nanoTime();
                BoundedKeyring k = BoundedKeyring.open(timeout);
                long open = ms(t0);
                t0 = System.nanoTime();
                k.set(service, account, "timing-secret");
                long set = ms(t0);
                t0 = System.nanoTime();
                k.get(service, account);
                long get = ms(t0);
                t0 = System.nanoTime();
                k.get(service, account + "-missing");
                long getMissing = ms(t0);
                t0 = System.nanoTime();
                k.delete(service, account);
                long delete = ms(t0);
                long closeMs = -1;
                if (close) {
                    t0 = System.nanoTime();
                    k.close();
                    closeMs = ms(t0);
                }
                System.out.printf(
                        "TIMING open=%d set=%d get=%d getMissing=%d delete=%d close=%d%n",
                        open, set, get, getMissing, delete, closeMs);
                return 0;
            }
            case "hang": {
                String pid = System.getenv("WITH_KEYRING_DAEMON_PID");
                if (pid == null) {
                    System.out.println("hang mode needs WITH_KEYRING_DAEMON_PID");
                    return 2;
                }
                BoundedKeyring k = BoundedKeyring.open(timeout);
                k.set(service, account, "hang-secret");
                int stop = new ProcessBuilder("kill", "-STOP", pid)
                        .inheritIO()
                        .start()
                        .waitFor();
                System.out.println("FROZE daemon " + pid + " rc=" + stop);
                long t0 = System.nanoTime();
                try {
                    k.get(service, account);
                    System.out.println("HANG-GET returned?!");
                    return 5;
                } catch (KeyringUnavailableException e) {
                    System.out.println("FIRST_MS=" + ms(t0) + " KUE[" + e.reason() + "]: " + e.getMessage());
                }
                t0 = System.nanoTime();
                try {
                    k.get(service, account);
                    return 5;
                } catch (KeyringUnavailableException e) {
                    System.out.println("SECOND_MS=" + ms(t0) + " KUE[" + e.reason() + "]: " + e.getMessage());
                }
                t0 = System.nanoTime();
                k.close();
                System.out.println("CLOSE_MS=" + ms(t0));
                return 0; // daemon is still frozen: the JVM must exit anyway
            }
            default:
                System.out.println("unknown mode " + mode);
                return 2;
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("smoke check failed: " + what);
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
