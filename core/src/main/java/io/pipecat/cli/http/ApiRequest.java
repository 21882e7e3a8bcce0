package io.pipecat.cli.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One HTTP request, independent of the HTTP library underneath. Immutable; build with
 * {@link #get(URI)}, {@link #postForm(URI, Map)} or {@link #postJson(URI, String)} and the
 * {@code with…} methods. The transport adds {@code User-Agent}; never put a secret anywhere but a
 * header or the body.
 *
 * @param method      HTTP method
 * @param uri         absolute URI
 * @param headers     extra headers in order
 * @param body        request body, empty for none
 * @param contentType content type of the body, empty for none
 * @param timeout     overall time limit for the response, empty for the transport's default
 */
public record ApiRequest(
        String method,
        URI uri,
        List<Map.Entry<String, String>> headers,
        byte[] body,
        Optional<String> contentType,
        Optional<Duration> timeout) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = List.copyOf(headers);
        body = body.clone();
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** A GET without body. */
    public static ApiRequest get(URI uri) {
        return new ApiRequest("GET", uri, List.of(), new byte[0], Optional.empty(), Optional.empty());
    }

    /** A POST of {@code application/x-www-form-urlencoded} parameters, in the map's order. */
    public static ApiRequest postForm(URI uri, Map<String, String> parameters) {
        return new ApiRequest(
                "POST",
                uri,
                List.of(),
                formEncode(parameters).getBytes(StandardCharsets.US_ASCII),
                Optional.of("application/x-www-form-urlencoded"),
                Optional.empty());
    }

    /** A POST of a JSON document. */
    public static ApiRequest postJson(URI uri, String json) {
        return new ApiRequest(
                "POST",
                uri,
                List.of(),
                json.getBytes(StandardCharsets.UTF_8),
                Optional.of("application/json"),
                Optional.empty());
    }

    /** @return a copy with one more header */
    public ApiRequest withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new ApiRequest(method, uri, more, body, contentType, timeout);
    }

    /** @return a copy with {@code Authorization: Bearer <token>} */
    public ApiRequest withBearer(String token) {
        return withHeader("Authorization", "Bearer " + token);
    }

    /** @return a copy with its own time limit */
    public ApiRequest withTimeout(Duration limit) {
        return new ApiRequest(method, uri, headers, body, contentType, Optional.of(limit));
    }

    /** @return {@code application/x-www-form-urlencoded} encoding of the parameters, in order */
    public static String formEncode(Map<String, String> parameters) {
        return new LinkedHashMap<>(parameters)
                .entrySet().stream()
                        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
    }

    /** Never prints headers, body, user-info or query: they may hold secrets. */
    @Override
    public String toString() {
        return method + " " + UrlPolicy.safe(uri);
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
