package io.pipecat.cli.auth.whoami;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import io.pipecat.cli.auth.orgs.Organization;
import io.pipecat.cli.auth.orgs.OrganizationList;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.credentials.ActiveToken;
import io.pipecat.cli.credentials.AuthCapabilities;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.errors.ExitCode;
import io.pipecat.cli.http.ApiResponse;
import io.pipecat.cli.http.PipecatApiClient;
import io.pipecat.cli.spi.CliCommand;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code pipecat cloud auth whoami [--json]} (docs/behaviour.md#whoami): the user, the active organization, the
 * auth method, where the token came from, and the org's Daily API key.
 */
@Command(name = "whoami", description = """
        Show the logged-in user, organization and auth method

        EXAMPLES
          $ pipecat cloud auth whoami
          $ pipecat cloud auth whoami --json | jq -r .organization.name""")
public final class WhoamiCommand extends CliCommand {
    static final String NOT_AVAILABLE = "N/A";

    @Option(name = "--json", description = "Print one JSON object instead of a table")
    private boolean json;

    @Override
    public void run(CommandContext context) throws Exception {
        ActiveToken token = AuthCapabilities.broker(context).requireToken();
        PipecatApiClient api = context.api();

        JsonNode user = ok(api.get("/v1/users"), "your user details").json().path("user");
        String userId = user.path("userId").asText("");
        String email = "";
        for (JsonNode entry : user.path("emails")) {
            if (entry.path("emailAddress").isTextual()) {
                email = entry.get("emailAddress").asText();
                break;
            }
        }
        Optional<Organization> org = activeOrganization(
                context, OrganizationList.parse(ok(api.get("/v1/organizations"), "your organizations")));
        String dailyKey = org.map(o -> dailyApiKey(api, o.name())).orElse(NOT_AVAILABLE);

        if (json) {
            ObjectNode out = ApiResponse.jsonMapper().createObjectNode();
            out.put("user_id", userId);
            out.put("email", email);
            if (org.isPresent()) {
                out.putObject("organization")
                        .put("name", org.get().name())
                        .put("verbose_name", org.get().verboseName());
            } else {
                out.putNull("organization");
            }
            out.put("auth_method", token.authMethod());
            out.put("token_source", token.source());
            out.put("daily_api_key", dailyKey);
            context.io()
                    .out()
                    .println(ApiResponse.jsonMapper()
                            .writerWithDefaultPrettyPrinter()
                            .writeValueAsString(out));
            return;
        }
        row(context, "User", email.isEmpty() ? userId : email);
        row(
                context,
                "Active Organization",
                org.map(o -> context.io()
                                .outStyle()
                                .highlight(
                                        o.verboseName().isEmpty() ? o.name() : o.verboseName() + " (" + o.name() + ")"))
                        .orElse(NOT_AVAILABLE));
        row(context, "Auth Method", token.authMethod());
        row(context, "Token Source", token.source());
        row(context, "Daily API Key", dailyKey);
    }

    /**
     * The active organization (PIPECAT_ORG, else the file's {@code org}) as the server lists it; the
     * first one only when neither names one. An active organization the server does not list is an
     * error (exit 1) naming it and where it came from, never silently replaced by another: whoami
     * would otherwise show one organization while every other command uses the one named.
     */
    private static Optional<Organization> activeOrganization(CommandContext context, OrganizationList organizations) {
        Optional<String> active = context.settings().org();
        if (active.isEmpty()) {
            return organizations.choose(Optional.empty());
        }
        Optional<Organization> found = organizations.find(active.get());
        if (found.isPresent()) {
            return found;
        }
        boolean fromEnv = "env".equals(context.settings().sourceOf("org"));
        String unknown = "Unknown organization '" + active.get() + "' ("
                + (fromEnv ? "from PIPECAT_ORG" : "set in " + context.settings().configPath()) + "): ";
        if (organizations.isEmpty()) {
            throw CliException.error(unknown + "your account has no organizations.");
        }
        throw CliException.error(unknown + "yours are " + organizations.names() + "."
                + (fromEnv
                        ? " Set PIPECAT_ORG to one of them, or unset it"
                        : " Choose one with pipecat cloud organizations select")
                + " (pipecat cloud organizations list shows them).");
    }

    private static void row(CommandContext context, String label, String value) {
        // One write a line, and no java.util.Formatter (printf pads a character at a time, each one
        // a write to stdout, and Formatter is classes and parsing a cold JVM pays for).
        String cell = label + ":";
        context.io().out().println(cell + " ".repeat(Math.max(0, 21 - cell.length())) + value);
    }

    private static ApiResponse ok(ApiResponse response, String what) {
        if (response.status() != 200) {
            throw CliException.error("Failed to fetch " + what + " (" + response.status() + ").");
        }
        return response;
    }

    /** A failure here shows N/A, not an error (docs/behaviour.md#whoami); only a rejected token still fails. */
    private static String dailyApiKey(PipecatApiClient api, String org) {
        try {
            ApiResponse response =
                    api.get("/v1/organizations/" + URLEncoder.encode(org, StandardCharsets.UTF_8) + "/daily");
            if (response.status() != 200) {
                return NOT_AVAILABLE;
            }
            JsonNode key = response.json().path("apiKey");
            return key.isTextual() && !key.asText().isEmpty() ? key.asText() : NOT_AVAILABLE;
        } catch (CliException e) {
            if (e.exitCode() == ExitCode.NOT_AUTHENTICATED) {
                throw e;
            }
            return NOT_AVAILABLE;
        }
    }
}
