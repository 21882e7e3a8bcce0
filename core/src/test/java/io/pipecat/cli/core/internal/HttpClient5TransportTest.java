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
}
