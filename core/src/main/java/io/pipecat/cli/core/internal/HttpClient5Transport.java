package io.pipecat.cli.core.internal;

import io.pipecat.cli.http.ApiRequest;
import io.pipecat.cli.http.ApiResponse;
import io.pipecat.cli.http.HttpTransport;
import io.pipecat.cli.http.UrlPolicy;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;

/**
 * {@link HttpTransport} on Apache HttpClient 5 (classic, blocking). One client per process,
 * created on first use by the context. No automatic retries (a retried POST could spend a
 * one-time code twice) and no redirects.
 */
public final class HttpClient5Transport implements HttpTransport, Closeable {
    /** Time limit for establishing a connection. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default time limit for a response. */
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private final CloseableHttpClient client;

    public HttpClient5Transport(String userAgent, ProxyRules proxies) {
        ConnectionConfig connectionConfig = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(CONNECT_TIMEOUT))
                .setSocketTimeout(Timeout.of(RESPONSE_TIMEOUT))
                .build();
        this.client = HttpClients.custom()
                .setUserAgent(userAgent)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(connectionConfig)
                        .setTlsSocketStrategy(new LazyTlsSocketStrategy())
                        .build())
                .setRoutePlanner(new DefaultRoutePlanner(null) {
                    @Override
                    protected HttpHost determineProxy(HttpHost target, HttpContext context) throws HttpException {
                        Optional<URI> proxy = proxies.proxyFor(target.getSchemeName(), target.getHostName());
                        return proxy.map(p -> new HttpHost(p.getScheme(), p.getHost(),
                                p.getPort() > 0 ? p.getPort() : 3128)).orElse(null);
                    }
                })
                .build();
    }

    @Override
    public ApiResponse send(ApiRequest request) throws IOException {
        UrlPolicy.require(request.uri(), request.uri().getHost() == null ? "a request" : request.uri().getHost());
        HttpUriRequestBase message = new HttpUriRequestBase(request.method(), request.uri());
        for (Map.Entry<String, String> header : request.headers()) {
            message.addHeader(header.getKey(), header.getValue());
        }
        if (request.body().length > 0 || request.contentType().isPresent()) {
            ContentType type = request.contentType().map(ContentType::parse).orElse(ContentType.APPLICATION_OCTET_STREAM);
            message.setEntity(new ByteArrayEntity(request.body(), type));
        }
        Duration timeout = request.timeout().orElse(RESPONSE_TIMEOUT);
        message.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(timeout))
                .setConnectionRequestTimeout(Timeout.of(timeout))
                .build());
        String what = request.toString();
        return client.execute(message, response -> {
            HttpEntity entity = response.getEntity();
            byte[] body = entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
            String contentType = entity == null || entity.getContentType() == null ? "" : entity.getContentType();
            return new ApiResponse(response.getCode(), contentType, body, what);
        });
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
