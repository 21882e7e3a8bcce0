package io.pipecat.cli.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Collections;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The https fake is real TLS: a client that trusts the written trust store (the system CAs plus the
 * test CA, read without a password as the JVM reads {@code javax.net.ssl.trustStore}) talks to it;
 * a client with the JDK's own trust store refuses it.
 */
class FakeCloudHttpsTest {
    @TempDir
    Path dir;

    @Test
    void aClientTrustingTheWrittenTrustStoreGetsAnswers() throws Exception {
        try (FakePipecatCloud fake = FakePipecatCloud.startHttps()) {
            assertEquals("https://127.0.0.1:" + fake.port(), fake.baseUrl());
            Path store = FakePipecatCloud.writeTrustStore(dir.resolve("trust.jks"));
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            try (InputStream in = Files.newInputStream(store)) {
                trust.load(in, null);
            }
            assertTrue(trust.size() > 1, "the system CAs are in it too: " + Collections.list(trust.aliases()));

            HttpResponse<String> response = client(trust).send(request(fake), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("issuer"), response.body());
        }
    }

    @Test
    void aClientWithOnlyTheJdksTrustStoreRefusesTheFake() throws Exception {
        try (FakePipecatCloud fake = FakePipecatCloud.startHttps()) {
            HttpClient client =
                    HttpClient.newBuilder().sslContext(SSLContext.getDefault()).build();
            assertThrows(
                    SSLHandshakeException.class,
                    () -> client.send(request(fake), HttpResponse.BodyHandlers.ofString()));
        }
    }

    private static HttpRequest request(FakePipecatCloud fake) {
        return HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/auth/config"))
                .header("User-Agent", "PipecatCloudCLI/test")
                .build();
    }

    private static HttpClient client(KeyStore trust) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }
}
