package io.pipecat.cli.testkit;

/**
 * Answers the requests of one custom route of the fake (see {@link FakePipecatCloud#route(Route)}).
 * Called on the fake's server threads, possibly concurrently. An exception thrown here becomes a
 * 500 response, recorded like any other.
 */
@FunctionalInterface
public interface RouteHandler {
    /**
     * @param request the request, with the values of the route's path parameters
     * @return the response to send
     */
    RouteResponse handle(RouteRequest request);
}
