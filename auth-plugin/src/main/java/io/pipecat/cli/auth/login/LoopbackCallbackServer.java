package io.pipecat.cli.auth.login;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pipecat.cli.errors.CliException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The OAuth redirect target (spec §4 step 3): an HTTP listener on 127.0.0.1 only, on the first
 * free port of 8400–8404, path {@code /oauth_callback}. The first request to that path settles
 * {@link #result()}; the browser gets a small HTML page saying whether the login worked. Any other
 * path gets a 404 and settles nothing.
 */
final class LoopbackCallbackServer implements AutoCloseable {
    /** The ports tried, in order. */
    static final List<Integer> PORTS = List.of(8400, 8401, 8402, 8403, 8404);
    static final String PATH = "/oauth_callback";

    private final HttpServer server;
    private final ExecutorService executor;
    private final CompletableFuture<CallbackResult> result = new CompletableFuture<>();
    private final Function<CallbackResult, Boolean> looksSuccessful;

    private LoopbackCallbackServer(HttpServer server, Function<CallbackResult, Boolean> looksSuccessful) {
        this.server = server;
        this.looksSuccessful = looksSuccessful;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "oauth-callback");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Binds the first free port of {@link #PORTS}.
     *
     * @param looksSuccessful decides which page the browser sees (e.g. the state matches)
     * @throws CliException exit 1 when every port is taken
     */
    static LoopbackCallbackServer start(Function<CallbackResult, Boolean> looksSuccessful) {
        InetAddress loopback;
        try {
            // Exactly 127.0.0.1 (the redirect URI names it), even where the JVM prefers IPv6 (::1).
            loopback = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
        for (int port : PORTS) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(loopback, port), 10);
                return new LoopbackCallbackServer(server, looksSuccessful);
            } catch (IOException taken) {
                // try the next port
            }
        }
        throw CliException.error("Could not start local auth server on any port (8400-8404). Are these ports all in use?");
    }

    /** @return {@code http://127.0.0.1:<port>/oauth_callback} */
    String redirectUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** @return completed by the first request to {@link #PATH} */
    CompletableFuture<CallbackResult> result() {
        return result;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH) || !"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 404, page("Not found", "This is the Pipecat CLI login callback."));
                return;
            }
            CallbackResult callback = QueryParameters.toResult(exchange.getRequestURI().getRawQuery());
            boolean ok = callback.error().isEmpty() && callback.code().isPresent() && looksSuccessful.apply(callback);
            respond(exchange, ok ? 200 : 400, ok
                    ? page("Authentication successful", "You are logged in to Pipecat Cloud. You can close this window "
                            + "and return to the terminal.")
                    : page("Authentication failed", "The login did not complete. Return to the terminal for details."));
            result.complete(callback);
        }
    }

    private static void respond(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String page(String title, String text) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head>"
                + "<body style=\"font-family:sans-serif;text-align:center;margin-top:4em\"><h1>" + title
                + "</h1><p>" + text + "</p></body></html>";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
