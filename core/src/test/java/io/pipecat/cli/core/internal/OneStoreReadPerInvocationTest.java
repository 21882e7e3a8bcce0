package io.pipecat.cli.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.pipecat.cli.config.ConfigFile;
import io.pipecat.cli.config.FileSettings;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.credentials.store.ConfigSecrets;
import io.pipecat.cli.credentials.store.ConfigSecrets.Key;
import io.pipecat.cli.credentials.store.CredentialStore;
import io.pipecat.cli.credentials.store.CredentialStoreProvider;
import io.pipecat.cli.credentials.store.Credentials;
import io.pipecat.cli.credentials.store.StoreContext;
import io.pipecat.cli.http.HttpTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that makes several API calls reads the credential store once: with the keychain every
 * read is a D-Bus round trip, and whoami used to read it once for itself and once per request. The
 * store here counts its reads; the requests go through the real API client and transport to a
 * local server, which also checks that every one of them carried the token.
 */
class OneStoreReadPerInvocationTest {
    @TempDir
    Path dir;

    private final AtomicInteger reads = new AtomicInteger();
    private final List<String> authorizations = new ArrayList<>();
    private HttpServer server;
    private HttpClient5Transport transport;

    /** Keeps the token in the config file, as the file store does, and counts every read. */
    private final class CountingProvider implements CredentialStoreProvider {
        @Override
        public String name() {
            return "counting";
        }

        @Override
        public String description() {
            return "counts its reads (test)";
        }

        @Override
        public boolean isDefault() {
            return true;
        }

        @Override
        public CredentialStore create(StoreContext context) {
            return new CredentialStore() {
                @Override
                public String name() {
                    return "counting";
                }

                @Override
                public void checkAvailable() {}

                @Override
                public Optional<Credentials> read(ConfigSecrets file) {
                    reads.incrementAndGet();
                    return file.string(Key.TOKEN).map(Credentials::pat);
                }

                @Override
                public void write(ConfigSecrets file, Credentials credentials) {
                    file.put(Key.TOKEN, credentials.token());
                }

                @Override
                public boolean delete(ConfigSecrets file) {
                    return file.removeAll();
                }

                @Override
                public String describeLocation(String configFileDescription) {
                    return configFileDescription;
                }
            };
        }
    }

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            synchronized (authorizations) {
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            }
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        transport = new HttpClient5Transport("PipecatCloudCLI/test", new ProxyRules(Environment.of(Map.of())));
    }

    @AfterEach
    void stopServer() throws Exception {
        transport.close();
        server.stop(0);
    }

    private DefaultCredentialBroker broker() {
        Environment environment = Environment.of(Map.of());
        ConfigFile config = new ConfigFile(dir.resolve("pipecatcloud.toml"), w -> {});
        FileSettings settings = FileSettings.of(
                environment, config, new ConfigFile(dir.resolve(FileSettings.PREFERENCES_FILE_NAME), w -> {}));
        return new DefaultCredentialBroker(
                environment,
                settings,
                config,
                () -> List.of(new CountingProvider()),
                w -> {},
                Optional.empty(),
                () -> transport,
                Clock.systemUTC());
    }

    private DefaultPipecatApiClient api(DefaultCredentialBroker broker) {
        String host = "http://127.0.0.1:" + server.getAddress().getPort();
        return new DefaultPipecatApiClient(() -> host, () -> (HttpTransport) transport, broker);
    }

    @Test
    void whoamisTokenAndThreeRequestsReadTheStoreOnce() {
        try (DefaultCredentialBroker broker = broker()) {
            broker.save(Credentials.pat("pcc_pat_counted"), "acme");
            reads.set(0);
            DefaultPipecatApiClient api = api(broker);

            assertEquals("pcc_pat_counted", broker.requireToken().token());
            api.get("/v1/users");
            api.get("/v1/organizations");
            api.get("/v1/organizations/acme/daily");

            assertEquals(1, reads.get(), "store reads in one invocation");
            assertEquals(
                    List.of("Bearer pcc_pat_counted", "Bearer pcc_pat_counted", "Bearer pcc_pat_counted"),
                    authorizations);
        }
    }

    @Test
    void aLoginSavedDuringTheInvocationIsTheOneUsedNext() {
        try (DefaultCredentialBroker broker = broker()) {
            broker.save(Credentials.pat("pcc_pat_first"), "acme");
            assertEquals("pcc_pat_first", broker.requireToken().token());
            broker.save(Credentials.pat("pcc_pat_second"), "acme");
            reads.set(0);

            api(broker).get("/v1/users");

            assertEquals(List.of("Bearer pcc_pat_second"), authorizations);
            assertEquals(1, reads.get(), "the new login is read once");
        }
    }
}
