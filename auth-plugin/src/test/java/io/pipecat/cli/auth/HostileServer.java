package io.pipecat.cli.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real local HTTP server that misbehaves on purpose, on a bare socket so nothing smooths it over:
 * it trickles its answer a byte a second, or sends a body that never ends. Every connection is
 * answered the same way, whatever the path.
 */
final class HostileServer implements AutoCloseable {
    /** What the server does once it has read a request head. */
    enum Behaviour {
        /** A JSON answer sent one byte per second. */
        TRICKLE,
        /** 200 with a body that never ends (no length, no chunks: until the client hangs up). */
        ENDLESS_BODY
    }

    private final ServerSocket socket;
    private final Behaviour behaviour;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong bytesSent = new AtomicLong();
    private final CountDownLatch hungUp = new CountDownLatch(1);

    HostileServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptAll, "hostile-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return {@code http://127.0.0.1:<port>} */
    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** @return how many request heads were read */
    int requests() {
        return requests.get();
    }

    /** @return body bytes written so far (an endless body's writes stop when the client hangs up) */
    long bytesSent() {
        return bytesSent.get();
    }

    /** @return whether a client hung up on this server within the time given */
    boolean awaitHangUp(long seconds) throws InterruptedException {
        return hungUp.await(seconds, TimeUnit.SECONDS);
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread handler = new Thread(() -> answer(connection), "hostile-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void answer(Socket connection) {
        try (connection) {
            readHead(connection.getInputStream());
            requests.incrementAndGet();
            OutputStream out = connection.getOutputStream();
            switch (behaviour) {
                case TRICKLE -> {
                    byte[] answer =
                            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{\"user\":{\"user_id\":\"u\"}}                "
                                    .getBytes(StandardCharsets.US_ASCII);
                    for (byte b : answer) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(1000);
                    }
                }
                case ENDLESS_BODY -> {
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[\""
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = new byte[64 * 1024];
                    Arrays.fill(chunk, (byte) 'a');
                    while (!socket.isClosed()) {
                        out.write(chunk);
                        bytesSent.addAndGet(chunk.length);
                    }
                }
                default -> throw new IllegalStateException();
            }
        } catch (IOException clientGone) {
            hungUp.countDown();
        } catch (InterruptedException testEnded) {
            Thread.currentThread().interrupt();
        }
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

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
