package io.pipecat.cli.auth.whoami;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import io.pipecat.cli.auth.account.Account;
import io.pipecat.cli.auth.account.LabelledRows;
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

        Account account = Account.fetch(api);
        String userId = account.userId();
        String email = account.email();
        Optional<Organization> org = OrganizationList.fetch(api).active(context.settings());
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

    private static void row(CommandContext context, String label, String value) {
        context.io().out().println(LabelledRows.row(label, value, 21));
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
