package io.pipecat.cli.auth.login;

import io.pipecat.cli.errors.CliException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The OAuth redirect target: an HTTP/1.1 listener on 127.0.0.1 only, on the first free port of
 * 8400–8404, that answers {@code GET /oauth_callback} and nothing else (404 elsewhere). Each
 * request goes to the {@link CallbackGate}, which decides whether it settles the login; the browser
 * gets a small HTML page saying what happened.
 *
 * <p>Purpose-built rather than the JDK's {@code HttpServer}: that server can only bound the time a
 * client takes to send its request through JVM-wide system properties read once, and with one
 * handler thread a client that sends half a request line blocks every request behind it. Here each
 * connection has its own thread and its own deadline ({@link #HEAD_DEADLINE}) for the whole request
 * head, heads are capped at {@link #MAX_HEAD_BYTES}, and at most {@link #MAX_READING} connections
 * wait for their head at once: a new one pushes out the one that has waited longest, so a flood
 * of stalled connections cannot keep out a browser, which sends its request at once.
 */
final class LoopbackCallbackServer implements AutoCloseable {
    /** The ports tried, in order. */
    static final List<Integer> PORTS = List.of(8400, 8401, 8402, 8403, 8404);

    static final String PATH = "/oauth_callback";
    /** Time to receive a whole request head; a browser sends it in one go, milliseconds after connecting. */
    static final Duration HEAD_DEADLINE = Duration.ofSeconds(10);
    /** Room for a request line and headers, even with cookies other local servers set for 127.0.0.1. */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    /** Connections waiting for their request head at once. */
    static final int MAX_READING = 16;

    private final ServerSocket listener;
    private final CallbackGate gate;
    private final Thread acceptor;
    /** Accepted connections whose head has not arrived yet, oldest first (guarded by this). */
    private final Deque<Socket> reading = new ArrayDeque<>();

    private boolean closed; // guarded by this

    private LoopbackCallbackServer(ServerSocket listener, CallbackGate gate) {
        this.listener = listener;
        this.gate = gate;
        this.acceptor = new Thread(this::acceptLoop, "oauth-callback-listener");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Binds the first free port of {@link #PORTS}.
     *
     * @param gate judges every request to {@link #PATH}
     * @throws CliException exit 1 when every port is taken
     */
    static LoopbackCallbackServer start(CallbackGate gate) {
        InetAddress loopback;
        try {
            // Exactly 127.0.0.1 (the redirect URI names it), even where the JVM prefers IPv6 (::1).
            loopback = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
        for (int port : PORTS) {
            ServerSocket socket = null;
            try {
                socket = new ServerSocket();
                // The previous login's closed connections may linger in TIME_WAIT on this port; they
                // must not make it look taken. (Two listeners on one port are still refused.)
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(loopback, port), 50);
                return new LoopbackCallbackServer(socket, gate);
            } catch (IOException taken) {
                closeQuietly(socket);
            }
        }
        throw CliException.error(
                "Could not start local auth server on any port (8400-8404). Are these ports all in use?");
    }

    /** @return {@code http://127.0.0.1:<port>/oauth_callback} */
    String redirectUri() {
        return "http://127.0.0.1:" + listener.getLocalPort() + PATH;
    }

    private void acceptLoop() {
        while (true) {
            Socket connection;
            try {
                connection = listener.accept();
            } catch (IOException e) {
                if (isClosed()) {
                    return;
                }
                pause(); // e.g. out of file descriptors: do not spin
                continue;
            }
            if (!admit(connection)) {
                closeQuietly(connection);
                return;
            }
            Thread worker = new Thread(() -> serve(connection), "oauth-callback-connection");
            worker.setDaemon(true);
            worker.start();
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Registers a new connection as reading, pushing out the longest-waiting one when full. */
    private synchronized boolean admit(Socket connection) {
        if (closed) {
            return false;
        }
        if (reading.size() >= MAX_READING) {
            closeQuietly(reading.removeFirst()); // its thread's read fails and it ends
        }
        reading.addLast(connection);
        return true;
    }

    /** @return whether the connection was still registered (false once pushed out or closed) */
    private synchronized boolean doneReading(Socket connection) {
        return reading.remove(connection);
    }

    private void serve(Socket connection) {
        try (connection) {
            byte[] head = readHead(connection);
            if (!doneReading(connection)) {
                return;
            }
            if (head == null) {
                respond(connection, 431, "", page("Request too large", "This is the Pipecat CLI login callback."));
                discardRest(connection);
                return;
            }
            answer(connection, new String(head, StandardCharsets.ISO_8859_1));
        } catch (IOException dropped) {
            // Too slow, pushed out, closed with the listener, or the client left: nothing to answer.
        } finally {
            doneReading(connection);
        }
    }

    /** @return the head up to its blank line, or null when it exceeds {@link #MAX_HEAD_BYTES} */
    private static byte[] readHead(Socket connection) throws IOException {
        long deadline = System.nanoTime() + HEAD_DEADLINE.toNanos();
        InputStream in = connection.getInputStream();
        byte[] buffer = new byte[MAX_HEAD_BYTES];
        int length = 0;
        while (true) {
            // SO_TIMEOUT bounds one read; shrinking it to what is left bounds the whole head, so
            // a client sending a byte now and then cannot hold its connection forever.
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new SocketTimeoutException("no complete request head within " + HEAD_DEADLINE.toSeconds() + " s");
            }
            connection.setSoTimeout((int) left);
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                throw new EOFException("connection closed before the end of the request head");
            }
            int from = Math.max(0, length - 2);
            length += read;
            for (int i = from; i < length - 1; i++) {
                // The head ends at an empty line: "\n\r\n" or, leniently, "\n\n".
                if (buffer[i] == '\n'
                        && (buffer[i + 1] == '\n'
                                || (buffer[i + 1] == '\r' && i + 2 < length && buffer[i + 2] == '\n'))) {
                    return Arrays.copyOf(buffer, i);
                }
            }
            if (length == buffer.length) {
                return null;
            }
        }
    }

    /**
     * Reads what the client is still sending (briefly, and a bounded amount) before the socket is
     * closed: closing with unread input resets the connection, which can destroy the answer
     * before the client reads it.
     */
    private static void discardRest(Socket connection) throws IOException {
        connection.setSoTimeout(1000);
        InputStream in = connection.getInputStream();
        byte[] sink = new byte[8192];
        long budget = 4L * MAX_HEAD_BYTES;
        for (int read; budget > 0 && (read = in.read(sink)) >= 0; ) {
            budget -= read;
        }
    }

    private void answer(Socket connection, String head) throws IOException {
        int lineEnd = head.indexOf('\n');
        String[] requestLine =
                (lineEnd < 0 ? head : head.substring(0, lineEnd)).strip().split(" ", -1);
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/")) {
            respond(connection, 400, "", page("Bad request", "This is the Pipecat CLI login callback."));
            return;
        }
        String method = requestLine[0];
        String target = requestLine[1];
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        if (!path.equals(PATH)) {
            respond(connection, 404, "", page("Not found", "This is the Pipecat CLI login callback."));
            return;
        }
        if (!method.equals("GET")) {
            respond(
                    connection,
                    405,
                    "Allow: GET\r\n",
                    page("Method not allowed", "This is the Pipecat CLI login callback."));
            return;
        }
        CallbackGate.Verdict verdict =
                gate.offerFromListener(QueryParameters.toResult(question < 0 ? null : target.substring(question + 1)));
        try {
            respond(connection, verdict == CallbackGate.Verdict.CODE ? 200 : 400, "", pageFor(verdict));
        } finally {
            // Only now, with the page on its way: settling lets the flow close this listener.
            if (verdict.settles()) {
                gate.settle();
            }
        }
    }

    private static String pageFor(CallbackGate.Verdict verdict) {
        return switch (verdict) {
            case CODE ->
                page(
                        "Authentication successful",
                        "You are logged in to Pipecat Cloud. You can close this "
                                + "window and return to the terminal.");
            case ERROR ->
                page("Authentication failed", "The login did not complete. Return to the terminal for details.");
            case MISSING_STATE, WRONG_STATE ->
                page(
                        "Login callback refused",
                        "This request does not belong to the "
                                + "login in progress in the terminal, so it was ignored.");
            case EMPTY ->
                page("Login callback refused", "This request carried neither an authorization code nor an error.");
            case LATE ->
                page(
                        "Login already answered",
                        "This login has already received its answer. Return to the " + "terminal.");
        };
    }

    private static void respond(Socket connection, int status, String extraHeaders, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n"
                + "Cache-Control: no-store\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + extraHeaders
                + "Connection: close\r\n\r\n";
        OutputStream out = connection.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        connection.shutdownOutput();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 431 -> "Request Header Fields Too Large";
            default -> "Error";
        };
    }

    private static String page(String title, String text) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head>"
                + "<body style=\"font-family:sans-serif;text-align:center;margin-top:4em\"><h1>" + title
                + "</h1><p>" + text + "</p></body></html>";
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }

    /** Stops listening and drops connections still sending their request; answered ones finish on their own. */
    @Override
    public void close() {
        List<Socket> stalled;
        synchronized (this) {
            closed = true;
            stalled = new ArrayList<>(reading);
            reading.clear();
        }
        closeQuietly(listener);
        stalled.forEach(LoopbackCallbackServer::closeQuietly);
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
