package io.pipecat.cli.core.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.context.Environment;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The transport's {@code prepare} hint sets TLS up on another thread for an https origin only: a
 * plain-http loopback call never pays for JSSE and the trust store.
 */
class TlsPrepareTest {
    @Test
    void anHttpsOriginGetsItsTlsSetUpInTheBackground() throws Exception {
        try (HttpClient5Transport transport =
                new HttpClient5Transport("PipecatCloudCLI/test", new ProxyRules(Environment.of(Map.of())))) {
            assertFalse(transport.tlsReady());
            transport.prepare(URI.create("https://api.example.com"));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!transport.tlsReady() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(transport.tlsReady(), "TLS set up after prepare(https)");
        }
    }

    @Test
    void aPlainHttpOriginSetsNothingUp() throws Exception {
        try (HttpClient5Transport transport =
                new HttpClient5Transport("PipecatCloudCLI/test", new ProxyRules(Environment.of(Map.of())))) {
            transport.prepare(URI.create("http://127.0.0.1:8765"));
            transport.prepare(null);
            Thread.sleep(200);
            assertFalse(transport.tlsReady());
        }
    }
}
