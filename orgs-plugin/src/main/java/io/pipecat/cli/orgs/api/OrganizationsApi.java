package io.pipecat.cli.orgs.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.http.ApiResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The two endpoints these commands read, through the context's authenticated client (which turns
 * a missing token or a 401 into exit 4 and a network failure into exit 1).
 */
public final class OrganizationsApi {
    private OrganizationsApi() {}

    /**
     * {@code GET /v1/organizations} → {@code {"organizations":[{"name","verboseName"}]}}.
     *
     * @return the organizations, in the server's order; entries without a name are skipped
     * @throws CliException exit 1 for another status or an answer of another shape
     */
    public static List<Organization> organizations(CommandContext context) {
        ApiResponse response = context.api().get("/v1/organizations");
        if (response.status() != 200) {
            throw CliException.error("Could not list your organizations (HTTP " + response.status() + ").");
        }
        JsonNode list = response.json().path("organizations");
        if (!list.isArray()) {
            throw CliException.error("Unexpected response from " + response.what() + " (no organizations list).");
        }
        List<Organization> organizations = new ArrayList<>();
        for (JsonNode item : list) {
            String name = text(item.path("name"));
            if (!name.isEmpty()) {
                organizations.add(new Organization(name, text(item.path("verboseName"))));
            }
        }
        return organizations;
    }

    /**
     * {@code GET /v1/organizations/{org}/apiKeys} →
     * {@code {"public":[{"key","metadata":{"name"},"createdAt","revoked"}]}}.
     *
     * @return the keys, in the server's order; entries without a key are skipped
     * @throws CliException exit 1 for another status (naming the organization) or another shape
     */
    public static List<ApiKey> apiKeys(CommandContext context, String org) {
        ApiResponse response =
                context.api().get("/v1/organizations/" + URLEncoder.encode(org, StandardCharsets.UTF_8) + "/apiKeys");
        if (response.status() == 403 || response.status() == 404) {
            throw CliException.error("Could not list the API keys of organization '" + org + "' (HTTP "
                    + response.status() + "): is it one of yours? See pipecat cloud organizations list.");
        }
        if (response.status() != 200) {
            throw CliException.error(
                    "Could not list the API keys of organization '" + org + "' (HTTP " + response.status() + ").");
        }
        JsonNode list = response.json().path("public");
        if (!list.isArray()) {
            throw CliException.error("Unexpected response from " + response.what() + " (no list of public keys).");
        }
        List<ApiKey> keys = new ArrayList<>();
        for (JsonNode item : list) {
            String key = text(item.path("key"));
            if (!key.isEmpty()) {
                keys.add(new ApiKey(
                        key,
                        text(item.path("metadata").path("name")),
                        text(item.path("createdAt")),
                        item.path("revoked").asBoolean(false)));
            }
        }
        return keys;
    }

    /** @return the names, comma-separated, for messages that list the choices */
    public static String names(List<Organization> organizations) {
        return organizations.stream().map(Organization::name).collect(Collectors.joining(", "));
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : "";
    }
}
