package io.pipecat.cli.store.keyring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the real Secret Service of the current D-Bus session (run under with-keyring.sh).
 * Cross-checked with libsecret's secret-tool, an independent client.
 */
class RealKeychainTest {
    static final String SERVICE = "pipecat-cli-test-" + UUID.randomUUID();
    static BoundedKeyring keyring;

    @BeforeAll
    static void openKeyring() {
        KeyringTestSupport.assumeSecretService();
        keyring = BoundedKeyring.open(Duration.ofSeconds(10));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (keyring != null) {
            keyring.close();
            secretTool(null, "clear", "service", SERVICE); // leftovers of failed tests, if any
            assertEquals(
                    "",
                    secretTool(null, "search", "--all", "service", SERVICE).out.strip());
        }
    }

    record ToolResult(int rc, String out) {}

    static ToolResult secretTool(String stdin, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(concat("secret-tool", args)).redirectErrorStream(true);
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p = pb.start();
        if (stdin != null) {
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "secret-tool hung");
        return new ToolResult(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static List<String> concat(String first, String... rest) {
        var l = new java.util.ArrayList<String>();
        l.add(first);
        l.addAll(List.of(rest));
        return l;
    }

    static String lookup(String account) throws Exception {
        ToolResult r = secretTool(null, "lookup", "service", SERVICE, "account", account);
        return r.rc == 0 ? r.out : null; // secret-tool prints the secret without a trailing newline
    }

    @Test
    void setIsVisibleToSecretTool() throws Exception {
        keyring.set(SERVICE, "set-visible", "s3cr3t-value");
        assertEquals("s3cr3t-value", lookup("set-visible"));
        assertTrue(secretTool(null, "search", "--all", "service", SERVICE).out.contains("set-visible"));
        assertTrue(keyring.delete(SERVICE, "set-visible"));
    }

    @Test
    void itemStoredBySecretToolIsReadable() throws Exception {
        ToolResult r = secretTool(
                "from-secret-tool", "store", "--label=pipecat test", "service", SERVICE, "account", "by-tool");
        assertEquals(0, r.rc, r.out);
        assertEquals(Optional.of("from-secret-tool"), keyring.get(SERVICE, "by-tool"));
        assertTrue(keyring.delete(SERVICE, "by-tool"));
    }

    @Test
    void missingItemIsEmpty() {
        assertEquals(Optional.empty(), keyring.get(SERVICE, "never-stored"));
        assertEquals(Optional.empty(), keyring.get(SERVICE + "-other", "never-stored"));
    }

    @Test
    void deleteRemovesItemAndSecondDeleteIsFalse() throws Exception {
        keyring.set(SERVICE, "to-delete", "x");
        assertEquals("x", lookup("to-delete"));
        assertTrue(keyring.delete(SERVICE, "to-delete"));
        assertEquals(null, lookup("to-delete"));
        assertEquals(Optional.empty(), keyring.get(SERVICE, "to-delete"));
        assertFalse(keyring.delete(SERVICE, "to-delete"));
    }

    @Test
    void overwriteReplacesTheSingleItem() throws Exception {
        keyring.set(SERVICE, "overwrite", "first");
        keyring.set(SERVICE, "overwrite", "second");
        assertEquals(Optional.of("second"), keyring.get(SERVICE, "overwrite"));
        assertEquals("second", lookup("overwrite"));
        String search = secretTool(null, "search", "--all", "service", SERVICE, "account", "overwrite").out;
        assertEquals(1, search.split("attribute.account = overwrite", -1).length - 1, search);
        assertTrue(keyring.delete(SERVICE, "overwrite"));
    }

    @Test
    void unicodeSecretRoundTrips() throws Exception {
        String secret = "pässwörd ✓ 日本語 🔑 \u00a0tab\tend";
        keyring.set(SERVICE, "unicode", secret);
        assertEquals(Optional.of(secret), keyring.get(SERVICE, "unicode"));
        assertEquals(secret, lookup("unicode"));
        assertTrue(keyring.delete(SERVICE, "unicode"));
    }

    @Test
    void longSecretRoundTrips() throws Exception {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 8192) {
            sb.append("eyJhbGciOiJIUzI1NiJ9.").append(sb.length()).append('.');
        }
        String secret = sb.substring(0, 8192);
        keyring.set(SERVICE, "long", secret);
        assertEquals(Optional.of(secret), keyring.get(SERVICE, "long"));
        assertEquals(secret, lookup("long"));
        assertTrue(keyring.delete(SERVICE, "long"));
    }

    @Test
    void concurrentCallersAreSerializedSafely() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Optional<String>>>();
            for (int i = 0; i < 8; i++) {
                String acct = "concurrent-" + i;
                String value = "v" + i;
                futures.add(pool.submit(() -> {
                    keyring.set(SERVICE, acct, value);
                    Optional<String> got = keyring.get(SERVICE, acct);
                    keyring.delete(SERVICE, acct);
                    return got;
                }));
            }
            for (int i = 0; i < 8; i++) {
                assertEquals(Optional.of("v" + i), futures.get(i).get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closedKeyringFailsWithClearMessage() {
        BoundedKeyring second = BoundedKeyring.open(Duration.ofSeconds(10));
        second.close();
        second.close(); // idempotent
        KeyringUnavailableException e = org.junit.jupiter.api.Assertions.assertThrows(
                KeyringUnavailableException.class, () -> second.get(SERVICE, "x"));
        assertEquals(KeyringUnavailableException.Reason.CLOSED, e.reason());
    }
}
