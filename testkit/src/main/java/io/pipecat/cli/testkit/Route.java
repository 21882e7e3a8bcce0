package io.pipecat.cli.testkit;

import java.util.Locale;
import java.util.Objects;

/**
 * An endpoint a test adds to the fake (see {@link FakePipecatCloud#route(Route)}): a method, a
 * path template with {@code {name}} parameters, and a handler. Immutable; {@link #anonymous()}
 * returns a copy.
 *
 * <p>Like the fake's own API routes, a custom route answers 403 to a request without the CLI's
 * {@code User-Agent} (unless {@link FakePipecatCloud#requireCliUserAgent(boolean)} is off) and,
 * unless it is {@link #anonymous()}, 401 to one without a valid bearer token (an access token
 * the fake issued, or an accepted PAT). The handler sees only the requests that pass.
 *
 * <pre>{@code
 * fake.route(Route.of("GET", "/v1/organizations/{org}/agents", request ->
 *         RouteResponse.json(200, "{\"agents\":[{\"name\":\"bot-" + request.pathParam("org") + "\"}]}")));
 * }</pre>
 */
public final class Route {
    private final String method;
    private final PathTemplate path;
    private final RouteHandler handler;
    private final boolean authenticated;

    private Route(String method, PathTemplate path, RouteHandler handler, boolean authenticated) {
        this.method = method;
        this.path = path;
        this.handler = handler;
        this.authenticated = authenticated;
    }

    /**
     * @param method       the HTTP method, e.g. {@code GET} (case-insensitive)
     * @param pathTemplate the path below the API host, e.g. {@code /v1/organizations/{org}/agents}
     * @param handler      builds the response
     * @throws IllegalArgumentException for a path that does not start with {@code /}, has a query
     *     part or a malformed or repeated parameter
     */
    public static Route of(String method, String pathTemplate, RouteHandler handler) {
        if (method == null || !method.matches("[A-Za-z]+")) {
            throw new IllegalArgumentException("not an HTTP method: " + method);
        }
        return new Route(
                method.toUpperCase(Locale.ROOT),
                PathTemplate.parse(pathTemplate),
                Objects.requireNonNull(handler, "handler"),
                true);
    }

    /** A copy that answers requests without a bearer token too (the token is still not checked). */
    public Route anonymous() {
        return new Route(method, path, handler, false);
    }

    public String method() {
        return method;
    }

    public String pathTemplate() {
        return path.template();
    }

    /** Whether requests need a valid bearer token (the default). */
    public boolean authenticated() {
        return authenticated;
    }

    RouteHandler handler() {
        return handler;
    }

    PathTemplate path() {
        return path;
    }

    @Override
    public String toString() {
        return method + " " + path + (authenticated ? "" : " (anonymous)");
    }
}
