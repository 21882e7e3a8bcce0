package io.pipecat.cli.http;

import java.io.IOException;
import java.time.Duration;

/**
 * A request that the transport gave up on because the server broke one of its limits: no complete
 * answer (connect, send, whole response including the body) within the deadline, or a body larger
 * than the cap. It is an {@link IOException} so that callers who treat an unreachable server
 * leniently (logout's revocation) keep doing so; callers who fail should print
 * {@link #describe(String)}, a finished one-line sentence.
 */
public final class ResponseLimitException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Which limit was broken. */
    public enum Limit {
        /** No complete answer within the deadline. */
        DEADLINE,
        /** A body larger than the cap. */
        SIZE
    }

    private final Limit limit;
    private final String origin;
    private final String broken;

    private ResponseLimitException(Limit limit, String origin, String broken) {
        super("The server at " + origin + " " + broken);
        this.limit = limit;
        this.origin = origin;
        this.broken = broken;
    }

    /**
     * @param origin   scheme, host and port of the server (no user-info)
     * @param deadline the limit that ran out
     * @param variable the setting that chose it, or null when the request set its own limit
     */
    public static ResponseLimitException deadline(String origin, Duration deadline, String variable) {
        return new ResponseLimitException(
                Limit.DEADLINE,
                origin,
                "did not answer within " + seconds(deadline) + " s" + (variable == null ? "" : " (" + variable + ")")
                        + ".");
    }

    /**
     * @param origin   scheme, host and port of the server (no user-info)
     * @param capBytes the cap on response bodies
     */
    public static ResponseLimitException tooLarge(String origin, long capBytes) {
        return new ResponseLimitException(Limit.SIZE, origin, "sent a response larger than " + size(capBytes) + ".");
    }

    /** @return which limit was broken */
    public Limit limit() {
        return limit;
    }

    /**
     * @param server what the server is to the user, e.g. {@code "The API server"}
     * @return one line, e.g. {@code The API server at https://api.example.com did not answer within 30 s
     *     (PIPECAT_HTTP_TIMEOUT).}
     */
    public String describe(String server) {
        return server + " at " + origin + " " + broken;
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
    }

    private static String size(long bytes) {
        long mib = 1024 * 1024;
        return bytes % mib == 0 ? bytes / mib + " MiB" : bytes + " bytes";
    }
}
