package io.pipecat.cli.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.http.ApiRequest;
import io.pipecat.cli.http.ApiResponse;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real HTTP transport against real local servers: plain http on loopback, and TLS. */
class HttpClient5TransportTest {
    @TempDir
    Path dir;

    @Test
    void sendsTheCliUserAgentAndReadsTheResponse() throws Exception {
        AtomicReference<String> agent = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/ping", exchange -> {
            agent.set(exchange.getRequestHeaders().getFirst("User-Agent"));
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (HttpClient5Transport transport =
                new HttpClient5Transport("PipecatCloudCLI/9.9", new ProxyRules(Environment.of(Map.of())))) {
            ApiResponse response = transport.send(ApiRequest.get(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/ping")));
            assertEquals(200, response.status());
            assertTrue(response.json().path("ok").asBoolean());
            assertEquals("PipecatCloudCLI/9.9", agent.get());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void plainHttpToANonLoopbackHostIsRefusedBeforeAnyConnection() throws Exception {
        try (HttpClient5Transport transport =
                new HttpClient5Transport("PipecatCloudCLI/9.9", new ProxyRules(Environment.of(Map.of())))) {
            CliException e = assertThrows(
                    CliException.class,
                    () -> transport.send(ApiRequest.get(URI.create("http://api.example.com/v1/users"))));
            assertTrue(e.getMessage().contains("https:// is required"), e.getMessage());
        }
    }

    @Test
    void tlsUsesTheJsseTrustStoreOnlyWhenATlsConnectionIsMade() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "SAN=ip:127.0.0.1",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        keytool.getInputStream().readAllBytes();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool failed");

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
        String saved = System.getProperty("javax.net.ssl.trustStore");
        try {
            // The JDK's own trust store does not know this self-signed certificate: refused.
            try (HttpClient5Transport transport =
                    new HttpClient5Transport("PipecatCloudCLI/9.9", new ProxyRules(Environment.of(Map.of())))) {
                IOException e = assertThrows(IOException.class, () -> transport.send(ApiRequest.get(uri)));
                assertTrue(
                        e instanceof SSLHandshakeException
                                || e.getCause() instanceof SSLHandshakeException
                                || String.valueOf(e.getMessage()).contains("PKIX"),
                        String.valueOf(e));
                assertFalse(String.valueOf(e.getMessage()).contains("Bearer"));
            }
            // A trust store that holds it (what ./pipecat does with the system trust store): accepted.
            System.setProperty("javax.net.ssl.trustStore", keystore.toString());
            System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
            try (HttpClient5Transport transport =
                    new HttpClient5Transport("PipecatCloudCLI/9.9", new ProxyRules(Environment.of(Map.of())))) {
                assertEquals(204, transport.send(ApiRequest.get(uri)).status());
            }
        } finally {
            if (saved == null) {
                System.clearProperty("javax.net.ssl.trustStore");
            } else {
                System.setProperty("javax.net.ssl.trustStore", saved);
            }
            System.clearProperty("javax.net.ssl.trustStorePassword");
            server.stop(0);
        }
    }

    /**
     * The host name is still verified (by the JDK's endpoint identification during the handshake):
     * a certificate the trust store trusts, but issued for another host, is refused, and nothing of
     * the request is sent. The same certificate issued for 127.0.0.1 is accepted.
     */
    @Test
    void aTrustedCertificateForAnotherHostIsRefused() throws Exception {
        HttpsServer wrongHost = tlsServer("dns:api.example.com", "wrong.p12");
        HttpsServer rightHost = tlsServer("ip:127.0.0.1", "right.p12");
        AtomicReference<String> reached = new AtomicReference<>();
        wrongHost.createContext("/", exchange -> {
            reached.set(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        rightHost.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        wrongHost.start();
        rightHost.start();
        String saved = System.getProperty("javax.net.ssl.trustStore");
        try {
            // One trust store holding both self-signed certificates: only the host name differs.
            Path trust = dir.resolve("trust.p12");
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (String name : new String[] {"wrong.p12", "right.p12"}) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = new FileInputStream(dir.resolve(name).toFile())) {
                    keys.load(in, "changeit".toCharArray());
                }
                store.setCertificateEntry(name, keys.getCertificate("server"));
            }
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(trust)) {
                store.store(out, "changeit".toCharArray());
            }
            System.setProperty("javax.net.ssl.trustStore", trust.toString());
            System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
            try (HttpClient5Transport transport =
                    new HttpClient5Transport("PipecatCloudCLI/9.9", new ProxyRules(Environment.of(Map.of())))) {
                URI wrong =
                        URI.create("https://127.0.0.1:" + wrongHost.getAddress().getPort() + "/v1/users");
                IOException e = assertThrows(IOException.class, () -> transport.send(ApiRequest.get(wrong)));
                assertTrue(
                        e instanceof javax.net.ssl.SSLException || e.getCause() instanceof javax.net.ssl.SSLException,
                        String.valueOf(e));
                assertTrue(String.valueOf(e.getMessage()).contains("127.0.0.1"), String.valueOf(e));
                assertEquals(null, reached.get(), "no request may reach a server that failed verification");

                URI right =
                        URI.create("https://127.0.0.1:" + rightHost.getAddress().getPort() + "/");
                assertEquals(204, transport.send(ApiRequest.get(right)).status());
            }
        } finally {
            if (saved == null) {
                System.clearProperty("javax.net.ssl.trustStore");
            } else {
                System.setProperty("javax.net.ssl.trustStore", saved);
            }
            System.clearProperty("javax.net.ssl.trustStorePassword");
            wrongHost.stop(0);
            rightHost.stop(0);
        }
    }

    /** An https server on 127.0.0.1 with a self-signed certificate for {@code san}, kept in {@code file}. */
    private HttpsServer tlsServer(String san, String file) throws Exception {
        Path keystore = dir.resolve(file);
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-dname",
                        "CN=pipecat test",
                        "-ext",
                        "SAN=" + san,
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        keytool.getInputStream().readAllBytes();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool failed");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        return server;
    }
}
