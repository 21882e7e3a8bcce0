package io.pipecat.cli.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.http.ApiRequest;
import io.pipecat.cli.http.ResponseLimitException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transport's end-to-end deadline and body cap, against real hostile local servers: one that
 * trickles a byte a second (a socket timeout alone restarts with every byte), one that never ends
 * its body.
 */
class HttpClient5TransportLimitsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /** Start-up of the client, scheduling and the abort itself. */
    private static final long SLACK_MILLIS = 1500;

    private HttpServer server;
    private ServerSocket rawServer;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.stop(0);
        }
        if (rawServer != null) {
            rawServer.close();
        }
    }

    @Test
    void aBodyTrickledOneBytePerSecondIsCutOffAtTheDeadline() throws Exception {
        URI uri = serve(exchange -> {
            exchange.sendResponseHeaders(200, 100);
            OutputStream body = exchange.getResponseBody();
            for (int i = 0; i < 100; i++) {
                body.write('x');
                body.flush();
                sleep(1000);
            }
            exchange.close();
        });
        try (HttpClient5Transport transport = transport(DEADLINE)) {
            long started = System.nanoTime();
            ResponseLimitException e =
                    assertThrows(ResponseLimitException.class, () -> transport.send(ApiRequest.get(uri)));
            long took = (System.nanoTime() - started) / 1_000_000;
            assertEquals(ResponseLimitException.Limit.DEADLINE, e.limit());
            assertTrue(took >= DEADLINE.toMillis() - 50 && took < DEADLINE.toMillis() + SLACK_MILLIS, took + " ms");
            assertEquals(
                    "The API server at " + origin(uri) + " did not answer within 2 s (PIPECAT_HTTP_TIMEOUT).",
                    e.describe("The API server"));
        }
    }

    @Test
    void aStatusLineTrickledOneBytePerSecondIsCutOffAtTheDeadline() throws Exception {
        URI uri = serveRaw(socket -> {
            OutputStream out = socket.getOutputStream();
            for (byte b : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII)) {
                out.write(b);
                out.flush();
                sleep(1000);
            }
        });
        try (HttpClient5Transport transport = transport(DEADLINE)) {
            long started = System.nanoTime();
            ResponseLimitException e =
                    assertThrows(ResponseLimitException.class, () -> transport.send(ApiRequest.get(uri)));
            long took = (System.nanoTime() - started) / 1_000_000;
            assertEquals(ResponseLimitException.Limit.DEADLINE, e.limit());
            assertTrue(took < DEADLINE.toMillis() + SLACK_MILLIS, took + " ms");
        }
    }

    @Test
    void aRequestsOwnShorterTimeoutStillApplies() throws Exception {
        URI uri = serveRaw(socket -> sleep(30_000));
        try (HttpClient5Transport transport = transport(Duration.ofSeconds(30))) {
            long started = System.nanoTime();
            ResponseLimitException e = assertThrows(
                    ResponseLimitException.class,
                    () -> transport.send(ApiRequest.get(uri).withTimeout(Duration.ofSeconds(1))));
            long took = (System.nanoTime() - started) / 1_000_000;
            assertTrue(took < 1000 + SLACK_MILLIS, took + " ms");
            assertEquals(
                    "The server at " + origin(uri) + " did not answer within 1 s.",
                    e.getMessage(),
                    "the request's own limit is not PIPECAT_HTTP_TIMEOUT's");
        }
    }

    @Test
    void anEndlessBodyStopsAtTheCapWithoutReadingTheRest() throws Exception {
        AtomicLong sent = new AtomicLong();
        CountDownLatch serverDone = new CountDownLatch(1);
        URI uri = serve(exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, no end
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'a');
            try (OutputStream body = exchange.getResponseBody()) {
                while (!Thread.currentThread().isInterrupted()) {
                    body.write(chunk);
                    sent.addAndGet(chunk.length);
                }
            } catch (IOException clientWentAway) {
                // Expected: the client aborts the connection at the cap.
            } finally {
                serverDone.countDown();
            }
        });
        try (HttpClient5Transport transport = transport(Duration.ofSeconds(20))) {
            long started = System.nanoTime();
            ResponseLimitException e =
                    assertThrows(ResponseLimitException.class, () -> transport.send(ApiRequest.get(uri)));
            long took = (System.nanoTime() - started) / 1_000_000;
            assertEquals(ResponseLimitException.Limit.SIZE, e.limit());
            assertEquals(
                    "The token endpoint at " + origin(uri) + " sent a response larger than 4 MiB.",
                    e.describe("The token endpoint"));
            assertTrue(took < 5000, "stopped at the cap, not at the deadline: " + took + " ms");
        }
        assertTrue(serverDone.await(5, TimeUnit.SECONDS), "the client closed the connection");
        // The cap plus what socket buffers hold: the client did not drain the endless body on close.
        assertTrue(sent.get() < 64L * 1024 * 1024, sent.get() + " bytes sent");
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeTheBodyIsRead() throws Exception {
        URI uri = serveRaw(socket -> {
            socket.getOutputStream()
                    .write(("HTTP/1.1 200 OK\r\nContent-Length: " + (1L << 40) + "\r\n\r\n{")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            sleep(30_000);
        });
        try (HttpClient5Transport transport = transport(Duration.ofSeconds(20))) {
            long started = System.nanoTime();
            ResponseLimitException e =
                    assertThrows(ResponseLimitException.class, () -> transport.send(ApiRequest.get(uri)));
            assertEquals(ResponseLimitException.Limit.SIZE, e.limit());
            assertTrue((System.nanoTime() - started) / 1_000_000 < 3000, "no wait for the body");
        }
    }

    @Test
    void aBodyOfExactlyTheCapIsRead() throws Exception {
        byte[] payload = new byte[HttpClient5Transport.MAX_RESPONSE_BYTES];
        Arrays.fill(payload, (byte) 'z');
        URI uri = serve(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(payload);
            }
        });
        try (HttpClient5Transport transport = transport(Duration.ofSeconds(20))) {
            assertArrayEquals(payload, transport.send(ApiRequest.get(uri)).body());
        }
    }

    @Test
    void aConnectionThatIsReusedAfterALimitStillWorks() throws Exception {
        // After an abort the pool must not hand out the dead connection: the next request succeeds.
        AtomicLong calls = new AtomicLong();
        URI uri = serve(exchange -> {
            if (calls.incrementAndGet() == 1) {
                exchange.sendResponseHeaders(200, 10);
                sleep(5000);
            } else {
                byte[] ok = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, ok.length);
                exchange.getResponseBody().write(ok);
            }
            exchange.close();
        });
        try (HttpClient5Transport transport = transport(Duration.ofSeconds(1))) {
            assertThrows(ResponseLimitException.class, () -> transport.send(ApiRequest.get(uri)));
            assertEquals(200, transport.send(ApiRequest.get(uri)).status());
        }
    }

    private static HttpClient5Transport transport(Duration deadline) {
        return new HttpClient5Transport("PipecatCloudCLI/9.9", new ProxyRules(Environment.of(Map.of())), deadline);
    }

    private interface Handler {
        void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException;
    }

    private URI serve(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hostile-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", handler::handle);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/users");
    }

    private interface RawHandler {
        void handle(Socket socket) throws IOException;
    }

    /** A bare socket server: reads the request head, then lets {@code handler} misbehave. */
    private URI serveRaw(RawHandler handler) throws IOException {
        rawServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(
                () -> {
                    while (!rawServer.isClosed()) {
                        try (Socket socket = rawServer.accept()) {
                            readHead(socket.getInputStream());
                            handler.handle(socket);
                        } catch (IOException closedOrGone) {
                            // The test ended or the client aborted: either way this connection is done.
                        }
                    }
                },
                "hostile-raw-server");
        acceptor.setDaemon(true);
        acceptor.start();
        return URI.create("http://127.0.0.1:" + rawServer.getLocalPort() + "/v1/users");
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b = in.read(); b != -1; b = in.read()) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return;
            }
        }
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
