package io.pipecat.cli.testkit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The routes a test added to the fake, in the order added; the first one whose method and path
 * match answers. Thread-safe: tests add routes while the server runs.
 */
final class CustomRoutes {
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /** A route and the path parameters it matched. */
    record Match(Route route, Map<String, String> pathParams) {}

    void add(Route route) {
        routes.add(route);
    }

    void clear() {
        routes.clear();
    }

    /** @return the first route for this method and raw path */
    Optional<Match> find(String method, String rawPath) {
        for (Route route : routes) {
            if (route.method().equals(method)) {
                Optional<Map<String, String>> params = route.path().match(rawPath);
                if (params.isPresent()) {
                    return Optional.of(new Match(route, params.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** @return the methods of the routes whose path matches (for a 405's {@code Allow}), in order */
    List<String> methodsFor(String rawPath) {
        return routes.stream()
                .filter(r -> r.path().match(rawPath).isPresent())
                .map(Route::method)
                .distinct()
                .toList();
    }
}
