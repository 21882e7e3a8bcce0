package io.pipecat.cli.core.internal;

import io.pipecat.cli.http.ApiRequest;
import io.pipecat.cli.http.ApiResponse;
import io.pipecat.cli.http.HttpTransport;
import io.pipecat.cli.http.ResponseLimitException;
import io.pipecat.cli.http.UrlPolicy;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;

/**
 * {@link HttpTransport} on Apache HttpClient 5 (classic, blocking). One client per process,
 * created on first use by the context. No automatic retries (a retried POST could spend a
 * one-time code twice) and no redirects.
 *
 * <p>Every request has one end-to-end deadline covering connect, send and the whole response
 * including its body: socket timeouts alone restart with every byte, so a server trickling one
 * byte at a time could hold the CLI forever. At the deadline a timer aborts the request, which
 * closes its socket under the blocked read. Bodies are read here, never past
 * {@link #MAX_RESPONSE_BYTES}, so an endless body cannot fill the heap. Both failures are a
 * {@link ResponseLimitException}.
 */
public final class HttpClient5Transport implements HttpTransport, Closeable {
    /** Time limit for establishing a connection (never more than the deadline). */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default deadline of a request, when {@link #TIMEOUT_VARIABLE} is not set. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);
    /** The environment variable that sets the deadline, in seconds. */
    public static final String TIMEOUT_VARIABLE = "PIPECAT_HTTP_TIMEOUT";
    /** The largest response body read; API and OAuth answers are a few KiB. */
    public static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    private final LazyTlsSocketStrategy tls = new LazyTlsSocketStrategy();
    private final CloseableHttpClient client;
    private final Duration deadline;
    private final ScheduledThreadPoolExecutor alarms;

    /** A transport with the default deadline. */
    public HttpClient5Transport(String userAgent, ProxyRules proxies) {
        this(userAgent, proxies, DEFAULT_DEADLINE);
    }

    /**
     * @param userAgent the {@code User-Agent} of every request
     * @param proxies   which proxy each request goes through
     * @param deadline  the end-to-end limit of each request (positive); a request's own shorter
     *                  {@link ApiRequest#timeout()} wins
     */
    public HttpClient5Transport(String userAgent, ProxyRules proxies, Duration deadline) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive");
        }
        this.deadline = deadline;
        Duration connect = deadline.compareTo(CONNECT_TIMEOUT) < 0 ? deadline : CONNECT_TIMEOUT;
        ConnectionConfig connectionConfig = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connect))
                .setSocketTimeout(Timeout.of(deadline))
                .build();
        this.client = HttpClients.custom()
                .setUserAgent(userAgent)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(connectionConfig)
                        .setTlsSocketStrategy(tls)
                        .build())
                .setRoutePlanner(new DefaultRoutePlanner(null) {
                    @Override
                    protected HttpHost determineProxy(HttpHost target, HttpContext context) throws HttpException {
                        Optional<URI> proxy = proxies.proxyFor(target.getSchemeName(), target.getHostName());
                        return proxy.map(p ->
                                        new HttpHost(p.getScheme(), p.getHost(), p.getPort() > 0 ? p.getPort() : 3128))
                                .orElse(null);
                    }
                })
                .build();
        // One daemon thread, started on the first request; cancelled alarms are dropped at once.
        this.alarms = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "pipecat-http-deadline");
            thread.setDaemon(true);
            return thread;
        });
        this.alarms.setRemoveOnCancelPolicy(true);
    }

    /** @return the end-to-end limit of a request that sets none of its own */
    public Duration deadline() {
        return deadline;
    }

    /** Starts the TLS set-up on a daemon thread when {@code origin} is https (see {@link LazyTlsSocketStrategy}). */
    @Override
    public void prepare(URI origin) {
        if (origin != null && "https".equalsIgnoreCase(origin.getScheme())) {
            tls.prepareInBackground();
        }
    }

    /** @return whether the TLS set-up is done (tests) */
    boolean tlsReady() {
        return tls.ready();
    }

    @Override
    public ApiResponse send(ApiRequest request) throws IOException {
        UrlPolicy.require(
                request.uri(),
                request.uri().getHost() == null ? "a request" : request.uri().getHost());
        HttpUriRequestBase message = new HttpUriRequestBase(request.method(), request.uri());
        for (Map.Entry<String, String> header : request.headers()) {
            message.addHeader(header.getKey(), header.getValue());
        }
        if (request.body().length > 0 || request.contentType().isPresent()) {
            ContentType type =
                    request.contentType().map(ContentType::parse).orElse(ContentType.APPLICATION_OCTET_STREAM);
            message.setEntity(new ByteArrayEntity(request.body(), type));
        }
        boolean ownLimit = request.timeout().map(t -> t.compareTo(deadline) < 0).orElse(false);
        Duration limit = ownLimit ? request.timeout().orElseThrow() : deadline;
        message.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(limit))
                .setConnectionRequestTimeout(Timeout.of(limit))
                .build());
        String what = request.toString();
        String origin = UrlPolicy.origin(request.uri());
        AtomicBoolean expired = new AtomicBoolean();
        long started = System.nanoTime();
        ScheduledFuture<?> alarm = alarms.schedule(
                () -> {
                    expired.set(true);
                    message.cancel();
                },
                limit.toNanos(),
                TimeUnit.NANOSECONDS);
        try {
            return client.execute(message, response -> read(response, message, what, origin));
        } catch (ResponseLimitException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (expired.get() || System.nanoTime() - started >= limit.toNanos()) {
                // Whatever the abort surfaced as (socket closed, request cancelled, or the socket timeout,
                // also set to the limit, winning the race), the cause is the deadline.
                throw ResponseLimitException.deadline(origin, limit, ownLimit ? null : TIMEOUT_VARIABLE);
            }
            throw e;
        } finally {
            alarm.cancel(false);
        }
    }

    /** Reads the whole body, up to the cap; past it the request is aborted before its stream is closed. */
    private static ApiResponse read(
            ClassicHttpResponse response, HttpUriRequestBase message, String what, String origin) throws IOException {
        HttpEntity entity = response.getEntity();
        String contentType = entity == null || entity.getContentType() == null ? "" : entity.getContentType();
        if (entity == null) {
            return new ApiResponse(response.getCode(), contentType, new byte[0], what);
        }
        long declared = entity.getContentLength();
        if (declared > MAX_RESPONSE_BYTES) {
            throw tooLarge(message, origin);
        }
        // Closing an unfinished body stream reads it to its end: abort first (tooLarge) so that close is quick.
        try (InputStream in = entity.getContent()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
            byte[] chunk = new byte[8192];
            long total = 0;
            for (int n = in.read(chunk); n != -1; n = in.read(chunk)) {
                total += n;
                if (total > MAX_RESPONSE_BYTES) {
                    throw tooLarge(message, origin);
                }
                body.write(chunk, 0, n);
            }
            return new ApiResponse(response.getCode(), contentType, body.toByteArray(), what);
        }
    }

    private static ResponseLimitException tooLarge(HttpUriRequestBase message, String origin) {
        message.cancel();
        return ResponseLimitException.tooLarge(origin, MAX_RESPONSE_BYTES);
    }

    @Override
    public void close() throws IOException {
        alarms.shutdownNow();
        client.close();
    }
}
