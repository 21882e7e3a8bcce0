package io.pipecat.cli.launcher;

import io.pipecat.cli.context.CliIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The build's training run for the start-up cache (JDK 25 AOT cache / AppCDS): runs the common
 * invocations once each in one JVM — help, version, plugin list, completion, show-cli-config and
 * whoami against a canned local API — so that the classes of all those paths (airline, the
 * config file, httpclient5, Jackson) are in the cache, not only those of one command. Not used at
 * run time. Output is discarded; the environment is a throw-away home. Arguments, if any, replace
 * the default invocations (one argument per invocation, words separated by spaces), for
 * measuring what a cache should be trained on.
 */
public final class TrainingRun {
    private TrainingRun() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("pipecat-training");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread api = new Thread(() -> serve(server), "training-api");
            api.setDaemon(true);
            api.start();
            Map<String, String> env = new HashMap<>();
            // The build may hand us a home (with a plugin index) and a plugin folder to train on.
            env.put("HOME", System.getenv().getOrDefault("HOME", home.toString()));
            env.put("PIPECAT_CONFIG_PATH", home.resolve("pipecatcloud.toml").toString());
            env.put("PIPECAT_PLUGIN_PATH", System.getenv().getOrDefault("PIPECAT_PLUGIN_PATH", home.resolve("plugins").toString()));
            env.put("PIPECAT_API_HOST", "http://127.0.0.1:" + server.getLocalPort());
            Files.writeString(home.resolve("pipecatcloud.toml"),
                    "token = \"pcc_pat_training\"\norg = \"acme\"\nrefresh_token = \"\"\ntoken_expires_at = 0\n\n[acme]\n");
            List<List<String>> invocations = args.length > 0
                    ? java.util.Arrays.stream(args).map(a -> List.of(a.trim().split("\\s+"))).toList()
                    : List.of(
                    List.of("--help"), List.of("--version"), List.of("cloud", "auth"), List.of("plugins", "list"),
                    List.of("help", "cloud", "auth", "login"), List.of("completion", "bash"), List.of("nosuchcommand"),
                    List.of("cloud", "--show-cli-config"), List.of("cloud", "auth", "whoami"),
                    List.of("cloud", "auth", "whoami", "--json"));
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            for (List<String> words : invocations) {
                InputStream stdin = new ByteArrayInputStream(new byte[0]);
                PipecatLauncher.run(CliIO.of(stdin, sink, sink), env, words.toArray(String[]::new));
            }
        }
    }

    /** Answers every request with a canned Pipecat Cloud response, like the real API would. */
    private static void serve(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                StringBuilder head = new StringBuilder();
                int c;
                while ((c = in.read()) != -1) {
                    head.append((char) c);
                    if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                        break;
                    }
                }
                String path = head.toString().split(" ", 3).length > 1 ? head.toString().split(" ", 3)[1] : "/";
                String body = path.startsWith("/v1/users") ? "{\"user\":{\"userId\":\"u\",\"emails\":[{\"emailAddress\":\"t@example.com\"}]}}"
                        : path.endsWith("/daily") ? "{\"apiKey\":\"k\"}"
                        : "{\"organizations\":[{\"name\":\"acme\",\"verboseName\":\"Acme\"}]}";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                return;
            }
        }
    }
}
