package io.pipecat.cli.auth.orgs;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipecat.cli.auth.account.ApiAnswers;
import io.pipecat.cli.context.Settings;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.http.ApiResponse;
import io.pipecat.cli.http.PipecatApiClient;
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

    /**
     * {@code GET /v1/organizations} with the broker's token.
     *
     * @throws CliException exit 1 for an answer other than 200 or without a list
     */
    public static OrganizationList fetch(PipecatApiClient api) {
        return parse(ApiAnswers.requireOk(api.get("/v1/organizations"), "your organizations"));
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
     * The rule of the commands that show the active organization (whoami, status): PIPECAT_ORG,
     * else the file's {@code org}, as this list has it; the first one only when neither names one.
     * An active organization the list does not have is an error (exit 1) naming it and where it
     * came from, never silently replaced by another: the command would otherwise show one
     * organization while every other command uses the one named.
     */
    public Optional<Organization> active(Settings settings) {
        Optional<String> active = settings.org();
        if (active.isEmpty()) {
            return choose(Optional.empty());
        }
        Optional<Organization> found = find(active.get());
        if (found.isPresent()) {
            return found;
        }
        boolean fromEnv = "env".equals(settings.sourceOf("org"));
        String unknown = "Unknown organization '" + active.get() + "' ("
                + (fromEnv ? "from PIPECAT_ORG" : "set in " + settings.configPath()) + "): ";
        if (isEmpty()) {
            throw CliException.error(unknown + "your account has no organizations.");
        }
        throw CliException.error(unknown + "yours are " + names() + "."
                + (fromEnv
                        ? " Set PIPECAT_ORG to one of them, or unset it"
                        : " Choose one with pipecat cloud organizations select")
                + " (pipecat cloud organizations list shows them).");
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
