package io.pipecat.cli.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A headless "browser" for the login flow: GETs the authorization URL without auto-follow, follows 3xx
 * {@code Location}s itself (to the CLI's loopback callback), and returns the final page. Sends a browser
 * User-Agent, never the CLI's.
 *
 * <p>As a program ({@code BROWSER}-compatible: the URL is the last argument) it exits 0 if the final page is 2xx,
 * 1 otherwise, 2 on usage errors, and gives up after {@link #MAIN_TIMEOUT}.
 */
public final class FakeBrowser {
    public static final String USER_AGENT =
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 FakeBrowser/1.0";
    public static final int MAX_REDIRECTS = 10;
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration MAIN_TIMEOUT = Duration.ofSeconds(14);

    /** One request made by the browser. {@code location} is null unless it was a redirect. */
    public record Hop(URI uri, int status, String location) {}

    /**
     * The final page.
     *
     * @param status   status of the last response
     * @param body     its body
     * @param finalUri the URI that produced it
     * @param hops     every request in order (the first is the authorization URL)
     */
    public record Result(int status, String body, URI finalUri, List<Hop> hops) {
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    private FakeBrowser() {}

    /** Opens the URL and follows redirects like a browser. */
    public static Result open(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        URI uri = URI.create(url);
        List<Hop> hops = new ArrayList<>();
        for (int i = 0; ; i++) {
            HttpRequest req = HttpRequest.newBuilder(uri)
                    .timeout(REQUEST_TIMEOUT)
                    .header("User-Agent", USER_AGENT)
                    .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                    .header("Accept-Language", "en-US,en;q=0.5")
                    .GET()
                    .build();
            HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
            int s = resp.statusCode();
            String loc = resp.headers().firstValue("Location").orElse(null);
            boolean redirect = (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) && loc != null;
            hops.add(new Hop(uri, s, redirect ? loc : null));
            if (!redirect) {
                return new Result(s, resp.body(), uri, List.copyOf(hops));
            }
            URI next = uri.resolve(loc);
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase();
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IOException("redirect to non-http URI " + next);
            }
            if (i >= MAX_REDIRECTS) {
                throw new IOException("too many redirects, last " + next);
            }
            uri = next;
        }
    }

    /** {@link #open} on a background thread. */
    public static CompletableFuture<Result> openAsync(String url) {
        CompletableFuture<Result> f = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        f.complete(open(url));
                    } catch (Throwable e) {
                        f.completeExceptionally(e);
                    }
                },
                "fake-browser");
        t.setDaemon(true);
        t.start();
        return f;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** The program's logic; returns the exit code. Diagnostics go to {@code log} (stdout stays clean). */
    public static int run(String[] args, PrintStream log) {
        if (args.length == 0 || args[args.length - 1].isBlank()) {
            log.println("usage: FakeBrowser [ignored...] <url>");
            return 2;
        }
        String url = args[args.length - 1].trim();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            log.println("FakeBrowser: not an http(s) URL: " + url);
            return 2;
        }
        try {
            Result r = openAsync(url).get(MAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            for (Hop h : r.hops()) {
                log.println("FakeBrowser: GET " + h.uri() + " -> " + h.status()
                        + (h.location() != null ? " Location: " + h.location() : ""));
            }
            String b = r.body() == null ? "" : r.body().replaceAll("\\s+", " ");
            log.println("FakeBrowser: final page " + r.status() + ": "
                    + (b.length() > 300 ? b.substring(0, 300) + "…" : b));
            return r.isSuccess() ? 0 : 1;
        } catch (ExecutionException e) {
            log.println("FakeBrowser: failed: " + e.getCause());
            return 1;
        } catch (TimeoutException e) {
            log.println("FakeBrowser: gave up after " + MAIN_TIMEOUT);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
