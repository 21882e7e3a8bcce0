package io.pipecat.cli.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Plays the CLI's loopback listener: serves /oauth_callback and remembers the query parameters it got. */
final class LoopbackCallback implements AutoCloseable {
    final HttpServer server;
    final List<Map<String, String>> calls = new CopyOnWriteArrayList<>();
    final List<String> userAgents = new CopyOnWriteArrayList<>();

    LoopbackCallback() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oauth_callback", ex -> {
            Map<String, String> q = RecordedRequest.parseParams(
                            ex.getRequestURI().getRawQuery())
                    .stream()
                    .collect(Collectors.toMap(Param::name, Param::value, (a, b) -> a));
            calls.add(q);
            userAgents.add(ex.getRequestHeaders().getFirst("User-Agent"));
            boolean ok = q.containsKey("code");
            byte[] b = (ok
                            ? "<html><body>Login successful. You can close this window.</body></html>"
                            : "<html><body>Login failed: " + q.get("error") + "</body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(ok ? 200 : 400, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
    }

    String redirectUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth_callback";
    }

    Map<String, String> last() {
        return calls.get(calls.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
