package io.pipecat.cli.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault injected for one path with {@link FakePipecatCloud#fault(String, Fault)}. Immutable; {@link #times(int)},
 * {@link #once()} and {@link #always()} return copies. The default is once.
 */
public final class Fault {
    /** What happens to a request hit by the fault. */
    public enum Kind {
        /** Answer with the given status and body; the request is not handled. */
        STATUS,
        /** Sleep, then handle the request normally. */
        DELAY,
        /** Answer 200 with a body that is not JSON. */
        MALFORMED_BODY,
        /** Close the connection without sending any response. */
        DROP_CONNECTION
    }

    /** {@link #times()} value meaning "every matching request". */
    public static final int ALWAYS = -1;

    private final Kind kind;
    private final int status;
    private final String body;
    private final String contentType;
    private final Duration delay;
    private final int times;

    private Fault(Kind kind, int status, String body, String contentType, Duration delay, int times) {
        this.kind = kind;
        this.status = status;
        this.body = body;
        this.contentType = contentType;
        this.delay = delay;
        this.times = times;
    }

    /** Respond with {@code status} and body {@code {"error":"injected fault <status>"}}. */
    public static Fault status(int status) {
        return status(status, "{\"error\":\"injected fault " + status + "\"}");
    }

    /** Respond with {@code status} and the given body (sent as application/json unless it starts with '<'). */
    public static Fault status(int status, String body) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("bad status " + status);
        }
        String ct = body != null && body.startsWith("<") ? "text/html; charset=utf-8" : "application/json";
        return new Fault(Kind.STATUS, status, body == null ? "" : body, ct, null, 1);
    }

    /** Wait {@code delay} before handling the request normally. */
    public static Fault delay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay");
        }
        return new Fault(Kind.DELAY, 0, null, null, delay, 1);
    }

    /** 200 with a non-JSON body ({@code <html>...}, claimed as application/json). */
    public static Fault malformedBody() {
        return malformedBody("<html><body>502 Bad Gateway (injected malformed body)</body>");
    }

    /** 200 with the given body, sent with Content-Type application/json. */
    public static Fault malformedBody(String body) {
        return new Fault(Kind.MALFORMED_BODY, 200, Objects.requireNonNull(body), "application/json", null, 1);
    }

    /**
     * Close the socket without sending a status line; the client sees an I/O error. Note: HTTP clients (JDK
     * HttpClient, Apache HttpClient 5) transparently retry an idempotent request once after such a drop, so use
     * {@code times(2)} or {@code always()} to make a GET fail.
     */
    public static Fault dropConnection() {
        return new Fault(Kind.DROP_CONNECTION, 0, null, null, null, 1);
    }

    /** Apply to the next {@code n} matching requests (n >= 1). */
    public Fault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be >= 1");
        }
        return new Fault(kind, status, body, contentType, delay, n);
    }

    public Fault once() {
        return times(1);
    }

    /** Apply to every matching request until {@link FakePipecatCloud#clearFaults()}. */
    public Fault always() {
        return new Fault(kind, status, body, contentType, delay, ALWAYS);
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    public String contentType() {
        return contentType;
    }

    public Duration delay() {
        return delay;
    }

    /** Number of requests it applies to, or {@link #ALWAYS}. */
    public int times() {
        return times;
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case STATUS -> "status(" + status + ")";
            case DELAY -> "delay(" + delay + ")";
            case MALFORMED_BODY -> "malformedBody()";
            case DROP_CONNECTION -> "dropConnection()";
        };
        return what + (times == ALWAYS ? ".always()" : ".times(" + times + ")");
    }
}
