package io.pipecat.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.testkit.FakeBrowser;
import io.pipecat.cli.testkit.FakePipecatCloud;
import io.pipecat.cli.testkit.Param;
import io.pipecat.cli.testkit.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The login's loopback callback trusts only its own flow: anything on this machine, or any web page
 * through the user's browser, can send requests to 127.0.0.1:8400, so only a callback carrying the
 * login's exact {@code state} may end it, and no slow or stalled connection may hold up the real
 * one. Real sockets and HTTP requests against the listener of a real in-process login.
 *
 * <p>These tests bind the callback ports 8400–8404 like {@link LoginTest}; the module's test classes
 * run one after another.
 */
class LoginCallbackTest extends AuthCommandTest {
    private static final String WRONG_STATE_WARNING =
            "Ignored a login callback with a wrong state (possible CSRF attempt).";
    private static final String NO_STATE_WARNING = "Ignored a login callback without a state (possible CSRF attempt).";

    /** An HTTP response as read off the socket. */
    private record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    /** What the user's browser does once the CLI opened it; runs on its own thread. */
    private interface Visit {
        void run(String authorizationUrl) throws Exception;
    }

    /** Makes the CLI's browser run {@code visit}; the future ends with it (failing if it threw). */
    private CompletableFuture<Void> browserDoes(Visit visit) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        cli.browser(url -> {
            Thread thread = new Thread(
                    () -> {
                        try {
                            visit.run(url);
                            done.complete(null);
                        } catch (Throwable e) {
                            done.completeExceptionally(e);
                        }
                    },
                    "test-browser");
            thread.setDaemon(true);
            thread.start();
            return true;
        });
        return done;
    }

    static Stream<Arguments> forgedCallbacks() {
        return Stream.of(
                Arguments.of(
                        "a code without state", (UnaryOperator<String>) state -> "code=code_forged", NO_STATE_WARNING),
                Arguments.of(
                        "an error without state",
                        (UnaryOperator<String>) state -> "error=access_denied&error_description=forged",
                        NO_STATE_WARNING),
                Arguments.of(
                        "a code with a wrong state",
                        (UnaryOperator<String>) state -> "code=code_forged&state=forged",
                        WRONG_STATE_WARNING),
                Arguments.of(
                        "an error with a wrong state",
                        (UnaryOperator<String>) state -> "error=access_denied&state=" + state.substring(1),
                        WRONG_STATE_WARNING),
                Arguments.of(
                        "a state that only starts like the right one",
                        (UnaryOperator<String>) state -> "code=code_forged&state=" + state + "x",
                        WRONG_STATE_WARNING),
                Arguments.of(
                        "the right state but neither code nor error",
                        (UnaryOperator<String>) state -> "state=" + state,
                        "Ignored a login callback with neither a code nor an error."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedCallbacks")
    void aForgedCallbackIsRefusedAndTheRealOneStillLogsIn(
            String name, UnaryOperator<String> forgedQuery, String warning) throws Exception {
        List<Reply> forged = new ArrayList<>();
        CompletableFuture<FakeBrowser.Result> real = new CompletableFuture<>();
        CompletableFuture<Void> browser = browserDoes(url -> {
            forged.add(get(redirectUriOf(url) + "?" + forgedQuery.apply(stateOf(url))));
            real.complete(FakeBrowser.open(url));
        });

        AuthCli.Result r = cli.run("cloud", "auth", "login", "--timeout", "15");

        browser.get(5, TimeUnit.SECONDS);
        assertEquals(0, r.exit(), r.toString());
        assertEquals(400, forged.get(0).status(), forged.get(0).body());
        assertEquals("no-store", forged.get(0).header("Cache-Control"));
        assertTrue(
                forged.get(0).body().contains("Login callback refused"),
                forged.get(0).body());
        assertTrue(
                real.get().isSuccess(),
                "the real callback's page: " + real.get().body());
        assertTrue(r.err().contains(warning + "\n"), r.toString());
        List<RecordedRequest> exchanges = fake.requests(FakePipecatCloud.TOKEN_PATH);
        assertEquals(1, exchanges.size(), "only the real code is redeemed");
        assertTrue(exchanges.get(0).formParam("code").orElseThrow().startsWith("code_"));
        assertFalse(exchanges.get(0).formParam("code").orElseThrow().equals("code_forged"));
        assertTrue(
                cli.config().contains("token = \"" + fake.issuedTokens().get(0).accessToken() + "\""), cli.config());
    }

    @Test
    void theIssuerAnsweringWithAnotherStateIsIgnoredUntilTheTimeout() {
        fake.authorizeWithWrongState();
        AuthCli.Result r = cli.run("cloud", "auth", "login", "--timeout", "2");
        assertEquals(4, r.exit(), r.toString());
        assertTrue(r.err().contains(WRONG_STATE_WARNING + "\n"), r.toString());
        assertTrue(
                r.err().endsWith("Authentication timed out. 1 callback with a wrong or missing state was ignored.\n"),
                r.toString());
        assertTrue(fake.requests(FakePipecatCloud.TOKEN_PATH).isEmpty(), "the code is never redeemed");
        assertEquals("", cli.config());
    }

    @Test
    void onlyForgedCallbacksWaitForTheTimeoutWhichCountsThemAndWarnsAFewTimes() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        CompletableFuture<Void> browser = browserDoes(url -> {
            for (int i = 0; i < 7; i++) {
                statuses.add(get(redirectUriOf(url) + (i % 2 == 0 ? "?code=c" + i : "?code=c" + i + "&state=s" + i))
                        .status());
            }
        });
        AuthCli.Result r = cli.run("cloud", "auth", "login", "--timeout", "2");
        browser.get(5, TimeUnit.SECONDS);

        assertEquals(4, r.exit(), r.toString());
        assertEquals(List.of(400, 400, 400, 400, 400, 400, 400), statuses);
        assertTrue(
                r.err().endsWith("Authentication timed out. 7 callbacks with a wrong or missing state were ignored.\n"),
                r.toString());
        assertEquals(
                5,
                r.err()
                        .lines()
                        .filter(l -> l.startsWith("Ignored a login callback"))
                        .count(),
                "warnings stop after five: " + r.err());
        assertTrue(fake.requests(FakePipecatCloud.TOKEN_PATH).isEmpty());
        assertEquals("", cli.config());
    }

    static Stream<Arguments> stalledConnections() {
        return Stream.of(
                Arguments.of("half a request line and a silent connection", 1, 1),
                Arguments.of("forty half-sent requests", 40, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stalledConnections")
    void stalledConnectionsDoNotDelayTheRealCallback(String name, int halfSent, int silent) throws Exception {
        List<Socket> stalled = new ArrayList<>();
        CompletableFuture<Long> realMillis = new CompletableFuture<>();
        CompletableFuture<FakeBrowser.Result> real = new CompletableFuture<>();
        CompletableFuture<Void> browser = browserDoes(url -> {
            URI callback = URI.create(redirectUriOf(url));
            for (int i = 0; i < halfSent; i++) {
                Socket socket = connect(callback);
                stalled.add(socket);
                socket.getOutputStream().write("GET /oauth_callback?code=x".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }
            for (int i = 0; i < silent; i++) {
                stalled.add(connect(callback));
            }
            Thread.sleep(200); // let the listener take them up first
            long started = System.nanoTime();
            real.complete(FakeBrowser.open(url));
            realMillis.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        });
        try {
            AuthCli.Result r = cli.run("cloud", "auth", "login", "--timeout", "15");
            browser.get(5, TimeUnit.SECONDS);

            assertEquals(0, r.exit(), r.toString());
            assertTrue(real.get().isSuccess(), real.get().body());
            // A connection that held up the real one would cost the listener's 10 s head deadline.
            assertTrue(realMillis.get() < 5000, "the real callback took " + realMillis.get() + " ms");
            for (Socket socket : stalled) {
                assertTrue(
                        closedByPeerWithin(socket, Duration.ofSeconds(3)), "the login's end drops stalled connections");
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void aRequestTrickledByteByByteIsDroppedAtTheHeadDeadline() throws Exception {
        CompletableFuture<Long> droppedAfterMillis = new CompletableFuture<>();
        CompletableFuture<FakeBrowser.Result> real = new CompletableFuture<>();
        CompletableFuture<Void> browser = browserDoes(url -> {
            long started = System.nanoTime();
            try (Socket socket = connect(URI.create(redirectUriOf(url)))) {
                // One byte a second: each read is quick, the whole head never arrives.
                byte[] request =
                        "GET /oauth_callback?code=slow&state=slow HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
                socket.setSoTimeout(1000);
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                for (int i = 0; i < 20; i++) {
                    try {
                        out.write(request[i]);
                        out.flush();
                        if (in.read() < 0) {
                            break;
                        }
                    } catch (SocketTimeoutException stillOpen) {
                        continue;
                    } catch (IOException reset) {
                        break;
                    }
                }
                droppedAfterMillis.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
            real.complete(FakeBrowser.open(url));
        });
        AuthCli.Result r = cli.run("cloud", "auth", "login", "--timeout", "30");
        browser.get(5, TimeUnit.SECONDS);

        assertEquals(0, r.exit(), r.toString());
        long dropped = droppedAfterMillis.get();
        assertTrue(dropped >= 9000 && dropped < 14000, "dropped after " + dropped + " ms (deadline 10 s)");
        assertTrue(real.get().isSuccess());
    }

    @Test
    void anOversizedRequestHeadIsRefusedAndTheRealCallbackStillWorks() throws Exception {
        List<String> statusLines = new ArrayList<>();
        CompletableFuture<FakeBrowser.Result> real = new CompletableFuture<>();
        CompletableFuture<Void> browser = browserDoes(url -> {
            try (Socket socket = connect(URI.create(redirectUriOf(url)))) {
                socket.setSoTimeout(5000);
                OutputStream out = socket.getOutputStream();
                out.write(("GET /oauth_callback?code=" + "a".repeat(70_000) + " HTTP/1.1\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                statusLines.add(new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII));
            }
            real.complete(FakeBrowser.open(url));
        });
        AuthCli.Result r = cli.run("cloud", "auth", "login", "--timeout", "15");
        browser.get(5, TimeUnit.SECONDS);

        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of("HTTP/1.1 431"), statusLines);
        assertTrue(real.get().isSuccess());
    }

    @Test
    void otherPathsAndMethodsSettleNothing() throws Exception {
        List<Reply> others = new ArrayList<>();
        CompletableFuture<FakeBrowser.Result> real = new CompletableFuture<>();
        CompletableFuture<Void> browser = browserDoes(url -> {
            String callback = redirectUriOf(url);
            String state = URLEncoder.encode(stateOf(url), StandardCharsets.UTF_8);
            others.add(get(callback.replace("/oauth_callback", "/favicon.ico")));
            others.add(get(callback.replace("/oauth_callback", "/oauth_callback/x") + "?code=c&state=" + state));
            others.add(request("POST", callback + "?code=c&state=" + state));
            real.complete(FakeBrowser.open(url));
        });
        AuthCli.Result r = cli.run("cloud", "auth", "login", "--timeout", "15");
        browser.get(5, TimeUnit.SECONDS);

        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of(404, 404, 405), others.stream().map(Reply::status).toList());
        for (Reply response : others) {
            assertEquals("no-store", response.header("Cache-Control"));
            assertEquals("text/html; charset=utf-8", response.header("Content-Type"));
        }
        assertTrue(real.get().isSuccess());
        assertEquals(1, fake.requests(FakePipecatCloud.TOKEN_PATH).size());
    }

    static Stream<Arguments> hostileErrors() {
        return Stream.of(
                Arguments.of(
                        "SGR and CSI in error_description",
                        "access_denied",
                        "\u001b[31mred\u001b[0m and \u009b1mC1\u009b0m",
                        "access_denied ([31mred[0m and 1mC10m)"),
                Arguments.of(
                        "title-setting OSC in error, bidi override and newlines in the description",
                        "\u001b]0;pwned\u0007access_denied",
                        "line one\r\nline\u202etwo\u0000",
                        "]0;pwnedaccess_denied (line one linetwo)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileErrors")
    void controlCharactersInACallbackErrorNeverReachTheTerminal(
            String name, String error, String description, String shown) throws Exception {
        CompletableFuture<Void> browser = browserDoes(url -> get(redirectUriOf(url) + "?error=" + encode(error)
                + "&error_description=" + encode(description) + "&state=" + encode(stateOf(url))));
        AuthCli.Result r = cli.run("cloud", "auth", "login", "--timeout", "15");
        browser.get(5, TimeUnit.SECONDS);

        assertEquals(4, r.exit(), r.toString());
        assertTrue(r.err().endsWith("Authentication failed: " + shown + ".\n"), r.toString());
        assertTrue(
                r.err().endsWith("\n")
                        && r.err().split("\n").length == r.err().lines().count(),
                r.err());
        for (String line : r.err().split("\n")) {
            assertTrue(
                    line.codePoints()
                            .noneMatch(c -> Character.getType(c) == Character.CONTROL
                                    || Character.getType(c) == Character.FORMAT),
                    "no control character in: " + line);
        }
        assertTrue(fake.requests(FakePipecatCloud.TOKEN_PATH).isEmpty());
    }

    @Test
    void aHugeCallbackErrorIsShownShortened() throws Exception {
        fake.authorizeDeny("x".repeat(5000));
        AuthCli.Result r = cli.run("cloud", "auth", "login", "--timeout", "15");
        assertEquals(4, r.exit(), r.toString());
        String last = r.err().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("Authentication failed: access_denied (xxx"), last);
        assertTrue(last.length() < 500, "bounded: " + last.length() + " characters");
    }

    @Test
    void aPastedAddressWithAnotherStateIsRefusedAndTheRightOneStillLogsIn() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        cli.stdin(new PipedInputStream(typing));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<AuthCli.Result> running = CompletableFuture.supplyAsync(
                () -> cli.run(out, "cloud", "auth", "login", "--headless", "--timeout", "15"));
        String redirect = redirectOf(awaitPrintedUrl(out));
        type(typing, redirect.replaceAll("state=[^&]+", "state=forged"));
        type(typing, redirect.replaceAll("&state=[^&]+", ""));
        type(typing, redirect);
        AuthCli.Result r = running.get(15, TimeUnit.SECONDS);
        typing.close();

        assertEquals(0, r.exit(), r.toString());
        assertEquals(
                2,
                r.err()
                        .lines()
                        .filter(l -> l.startsWith(
                                "Ignored the pasted address: its state does not " + "belong to this login."))
                        .count(),
                r.toString());
        assertEquals(1, fake.requests(FakePipecatCloud.TOKEN_PATH).size());
        assertTrue(
                cli.config().contains("token = \"" + fake.issuedTokens().get(0).accessToken() + "\""));
    }

    @Test
    void aPastedBareCodeIsTakenAsTyped() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        cli.stdin(new PipedInputStream(typing));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<AuthCli.Result> running = CompletableFuture.supplyAsync(
                () -> cli.run(out, "cloud", "auth", "login", "--headless", "--timeout", "15"));
        String redirect = redirectOf(awaitPrintedUrl(out));
        type(typing, param(URI.create(redirect).getRawQuery(), "code"));
        AuthCli.Result r = running.get(15, TimeUnit.SECONDS);
        typing.close();

        assertEquals(0, r.exit(), r.toString());
        assertTrue(
                cli.config().contains("token = \"" + fake.issuedTokens().get(0).accessToken() + "\""));
    }

    // ---- helpers ----

    private static Reply get(String url) throws IOException {
        return request("GET", url);
    }

    /** One HTTP/1.1 request on a fresh connection, the response read until the server closes. */
    private static Reply request(String method, String url) throws IOException {
        URI uri = URI.create(url);
        try (Socket socket = connect(uri)) {
            socket.setSoTimeout(5000);
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            socket.getOutputStream()
                    .write((method + " " + target + " HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\nUser-Agent: "
                                    + FakeBrowser.USER_AGENT + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = response.indexOf("\r\n\r\n");
            assertTrue(headEnd > 0, "a complete response: " + response);
            String[] lines = response.substring(0, headEnd).split("\r\n");
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, response.substring(headEnd + 4));
        }
    }

    private static Socket connect(URI callback) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(callback.getHost(), callback.getPort()), 5000);
        return socket;
    }

    /** @return whether the other side closed (EOF or reset) within {@code limit} */
    private static boolean closedByPeerWithin(Socket socket, Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static String param(String rawQuery, String name) {
        return RecordedRequest.parseParams(rawQuery).stream()
                .filter(p -> p.name().equals(name))
                .map(Param::value)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + rawQuery));
    }

    private static String redirectUriOf(String authorizationUrl) {
        return param(URI.create(authorizationUrl).getRawQuery(), "redirect_uri");
    }

    private static String stateOf(String authorizationUrl) {
        return param(URI.create(authorizationUrl).getRawQuery(), "state");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void type(PipedOutputStream typing, String line) throws IOException {
        typing.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        typing.flush();
    }

    private static final Pattern URL_LINE = Pattern.compile("(?m)^(http://\\S+)$");

    private static String awaitPrintedUrl(ByteArrayOutputStream out) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            Matcher m = URL_LINE.matcher(out.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no URL printed on stdout: " + out);
    }

    /** What a browser on another machine would show in its address bar: the authorize redirect's target. */
    private static String redirectOf(String authorizationUrl) throws IOException {
        java.net.HttpURLConnection connection = (java.net.HttpURLConnection)
                URI.create(authorizationUrl).toURL().openConnection();
        connection.setInstanceFollowRedirects(false);
        try {
            assertEquals(302, connection.getResponseCode());
            return connection.getHeaderField("Location");
        } finally {
            connection.disconnect();
        }
    }
}
