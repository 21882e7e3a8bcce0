package io.pipecat.cli.http;

import java.io.IOException;
import java.net.URI;

/**
 * Sends requests. Obtain it from the command context; it is created on first use (so
 * {@code --help} never builds an HTTP client) and closed by the launcher.
 *
 * <p>Every request carries {@code User-Agent: PipecatCloudCLI/<version>}, has one end-to-end
 * deadline (connect, send and the whole answer: {@code PIPECAT_HTTP_TIMEOUT} seconds, default 30, or
 * the request's own {@link ApiRequest#timeout()} when shorter), reads at most 4 MiB of body, goes through {@code HTTPS_PROXY}/{@code HTTP_PROXY} unless
 * {@code NO_PROXY} matches, and must be {@code https://} unless the host is loopback
 * ({@code 127.0.0.1}, {@code ::1}, {@code localhost}). Redirects are not followed. Thread-safe.
 */
public interface HttpTransport {
    /**
     * @param request the request
     * @return the response, whatever its status
     * @throws IOException when the server cannot be reached or the connection fails; a
     *     {@link ResponseLimitException} when the deadline passed or the body was too large; the
     *     message never contains request headers or bodies
     * @throws io.pipecat.cli.errors.CliException (exit 1) when the URL is not allowed (plain http
     *     to a non-loopback host)
     */
    ApiResponse send(ApiRequest request) throws IOException;

    /**
     * A hint that requests to {@code origin} will follow soon: a transport may set up what they
     * need meanwhile (the CLI's own starts its TLS set-up, trust store included, on another thread
     * while the caller reads credentials). Never fails and never connects; a transport may ignore it.
     */
    default void prepare(URI origin) {}
}
