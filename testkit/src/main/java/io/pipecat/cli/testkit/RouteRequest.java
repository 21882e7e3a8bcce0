package io.pipecat.cli.testkit;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A request matched by a custom route: the request as recorded, the decoded values of the path
 * template's parameters, and the organizations its bearer token may see.
 */
public final class RouteRequest {
    private final RecordedRequest recorded;
    private final Map<String, String> pathParams;
    private final List<Organization> visibleOrganizations;

    RouteRequest(RecordedRequest recorded, Map<String, String> pathParams, List<Organization> visibleOrganizations) {
        this.recorded = recorded;
        this.pathParams = Map.copyOf(pathParams);
        this.visibleOrganizations = List.copyOf(visibleOrganizations);
    }

    /** The request as the fake recorded it (method, raw path, query, headers, body). */
    public RecordedRequest recorded() {
        return recorded;
    }

    /**
     * @param name a parameter of the path template, e.g. {@code org} for {@code /v1/organizations/{org}/agents}
     * @return its URL-decoded value
     * @throws NoSuchElementException if the template has no such parameter
     */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new NoSuchElementException(
                    "no path parameter {" + name + "}; the template has " + pathParams.keySet());
        }
        return value;
    }

    /** Every path parameter by name, URL-decoded. */
    public Map<String, String> pathParams() {
        return pathParams;
    }

    /**
     * The organizations the request's bearer token may see (all of them for an OAuth access token,
     * those given to {@link FakePipecatCloud#acceptPat} for a PAT); empty when the request carried
     * no valid token (only possible on an {@link Route#anonymous() anonymous} route).
     */
    public List<Organization> visibleOrganizations() {
        return visibleOrganizations;
    }

    /** Whether the bearer token may see the organization named {@code name}. */
    public boolean canSee(String organization) {
        return visibleOrganizations.stream().anyMatch(o -> o.name().equals(organization));
    }

    public String method() {
        return recorded.method();
    }

    /** The request body decoded as UTF-8 ("" if none). */
    public String body() {
        return recorded.body();
    }
}
