package io.pipecat.cli.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a custom route answers: a status, a body with its content type, and extra headers.
 * Immutable; {@link #header(String, String)} returns a copy.
 */
public final class RouteResponse {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String contentType;
    private final String body;
    private final Map<String, String> headers;

    private RouteResponse(int status, String contentType, String body, Map<String, String> headers) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status out of range: " + status);
        }
        this.status = status;
        this.contentType = contentType;
        this.body = Objects.requireNonNull(body, "body");
        this.headers = Map.copyOf(headers);
    }

    /** A JSON body given as text, sent as is (so a test can send malformed JSON on purpose). */
    public static RouteResponse json(int status, String json) {
        return new RouteResponse(status, "application/json", json, Map.of());
    }

    /**
     * A JSON body serialised with Jackson: a {@link Map}, a {@link java.util.List}, a
     * {@code JsonNode}, or a value of an exported type.
     */
    public static RouteResponse json(int status, Object value) {
        try {
            return json(status, JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot serialise the route's response as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A plain-text body. */
    public static RouteResponse text(int status, String text) {
        return new RouteResponse(status, "text/plain; charset=utf-8", text, Map.of());
    }

    /** A status with an empty body (e.g. 204, or a bare 500). */
    public static RouteResponse status(int status) {
        return new RouteResponse(status, null, "", Map.of());
    }

    /** A copy with one more response header. */
    public RouteResponse header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new RouteResponse(status, contentType, body, more);
    }

    public int status() {
        return status;
    }

    /** The {@code Content-Type}, or {@code null} for an empty body. */
    public String contentType() {
        return contentType;
    }

    public String body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
