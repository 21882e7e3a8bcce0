package io.pipecat.cli.auth.orgs;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.http.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The answer of {@code GET /v1/organizations}, and the org-choice rule of docs/behaviour.md#login step 9 and #use-pat. */
public record OrganizationList(List<Organization> organizations) {

    public OrganizationList {
        organizations = List.copyOf(organizations);
    }

    /** Parses {@code {"organizations":[{"name","verboseName"},…]}} from a 200 response. */
    public static OrganizationList parse(ApiResponse response) {
        JsonNode list = response.json().path("organizations");
        if (!list.isArray()) {
            throw CliException.error("Unexpected response from " + response.what() + " (no organizations list).");
        }
        List<Organization> parsed = new ArrayList<>();
        for (JsonNode item : list) {
            if (item.path("name").isTextual() && !item.get("name").asText().isEmpty()) {
                parsed.add(new Organization(
                        item.get("name").asText(),
                        item.path("verboseName").isTextual()
                                ? item.get("verboseName").asText()
                                : ""));
            }
        }
        return new OrganizationList(parsed);
    }

    public boolean isEmpty() {
        return organizations.isEmpty();
    }

    /** @return the organization named {@code name}, if the list has it */
    public Optional<Organization> find(String name) {
        return organizations.stream().filter(org -> org.name().equals(name)).findFirst();
    }

    /** @return the names, comma-separated, for messages that list the choices */
    public String names() {
        return organizations.stream().map(Organization::name).collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * The rule of login and use-pat, which store a login: a stale organization is replaced rather
     * than stored with a fresh token.
     *
     * @param current the active org (PIPECAT_ORG or the file's), if any
     * @return the current org if the list has it, else the first one; empty for an empty list
     */
    public Optional<Organization> choose(Optional<String> current) {
        if (current.isPresent()) {
            for (Organization org : organizations) {
                if (org.name().equals(current.get())) {
                    return Optional.of(org);
                }
            }
        }
        return organizations.stream().findFirst();
    }
}
