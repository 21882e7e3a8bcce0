package io.pipecat.cli.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request received by the fake, as it arrived on the wire, plus what the fake did with it. Immutable except
 * for the outcome fields ({@link #status()}, {@link #note()}, flags) which are filled in once the response is sent.
 */
public final class RecordedRequest {
    private final long sequence;
    private final Instant receivedAt;
    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> headers;
    private final String body;
    private final List<Param> queryParams;
    private final List<Param> formParams;

    private volatile int status;
    private volatile String note = "";
    private volatile boolean unexpected;
    private volatile boolean userAgentRejected;
    private volatile Fault fault;

    RecordedRequest(
            long sequence,
            String method,
            String path,
            String rawQuery,
            Map<String, List<String>> headers,
            String body) {
        this.sequence = sequence;
        this.receivedAt = Instant.now();
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
        this.headers = Collections.unmodifiableMap(h);
        this.body = body;
        this.queryParams = parseParams(rawQuery);
        String ct = header("Content-Type").orElse("");
        this.formParams =
                ct.toLowerCase().startsWith("application/x-www-form-urlencoded") ? parseParams(body) : List.of();
    }

    /** Parses {@code a=1&b=2} (URL-decoded, order kept). Null/empty gives an empty list. */
    public static List<Param> parseParams(String s) {
        if (s == null || s.isEmpty()) {
            return List.of();
        }
        List<Param> out = new ArrayList<>();
        for (String pair : s.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String n = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(new Param(decode(n), decode(v)));
        }
        return List.copyOf(out);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // keep malformed escapes verbatim
        }
    }

    /** Order of arrival, starting at 1. */
    public long sequence() {
        return sequence;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String method() {
        return method;
    }

    /** The raw (not decoded) path, without query. */
    public String path() {
        return path;
    }

    /** The raw query string (not decoded), or {@code null} if there was none. */
    public String rawQuery() {
        return rawQuery;
    }

    /** All headers, case-insensitive keys. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    public String userAgent() {
        return header("User-Agent").orElse(null);
    }

    /** The bearer token of the Authorization header, or {@code null}. */
    public String bearerToken() {
        String a = header("Authorization").orElse(null);
        if (a == null || !a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return a.substring(7).trim();
    }

    /** The request body decoded as UTF-8 ("" if none). */
    public String body() {
        return body;
    }

    /** Decoded query parameters in wire order. */
    public List<Param> queryParams() {
        return queryParams;
    }

    /** Query parameter names in wire order (duplicates kept). */
    public List<String> queryParamNames() {
        return queryParams.stream().map(Param::name).toList();
    }

    /** First value of a query parameter. */
    public Optional<String> queryParam(String name) {
        return first(queryParams, name);
    }

    /** Decoded form parameters (only for application/x-www-form-urlencoded bodies) in wire order. */
    public List<Param> formParams() {
        return formParams;
    }

    public List<String> formParamNames() {
        return formParams.stream().map(Param::name).toList();
    }

    public Optional<String> formParam(String name) {
        return first(formParams, name);
    }

    private static Optional<String> first(List<Param> ps, String name) {
        return ps.stream().filter(p -> p.name().equals(name)).map(Param::value).findFirst();
    }

    /** Status sent back; 0 while still in progress, -1 if the connection was dropped. */
    public int status() {
        return status;
    }

    /** Why the fake answered the way it did (e.g. "invalid_grant: code already used"); "" if nothing special. */
    public String note() {
        return note;
    }

    /** True for requests to unknown paths or with a wrong method (answered 404/405). */
    public boolean unexpected() {
        return unexpected;
    }

    /** True if answered 403 because the User-Agent did not start with {@code PipecatCloudCLI/}. */
    public boolean userAgentRejected() {
        return userAgentRejected;
    }

    /** The injected fault that hit this request, or {@code null}. */
    public Fault fault() {
        return fault;
    }

    void complete(int status, String note) {
        this.note = note == null ? "" : note;
        this.status = status;
    }

    void markUnexpected() {
        this.unexpected = true;
    }

    void markUserAgentRejected() {
        this.userAgentRejected = true;
    }

    void fault(Fault f) {
        this.fault = f;
    }

    /** One line: {@code #3 POST /oauth/token -> 400 [invalid_grant: ...] ua="..."}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append('#').append(sequence).append(' ').append(method).append(' ').append(path);
        if (rawQuery != null) {
            sb.append('?').append(rawQuery);
        }
        sb.append(" -> ").append(status == 0 ? "(pending)" : status == -1 ? "(dropped)" : String.valueOf(status));
        if (!note.isEmpty()) {
            sb.append(" [").append(note).append(']');
        }
        if (fault != null) {
            sb.append(" fault=").append(fault);
        }
        sb.append(" ua=\"").append(userAgent()).append('"');
        return sb.toString();
    }
}
