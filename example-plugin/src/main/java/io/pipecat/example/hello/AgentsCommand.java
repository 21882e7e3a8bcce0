package io.pipecat.example.hello;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.rvesse.airline.annotations.Command;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.http.ApiResponse;
import io.pipecat.cli.spi.CliCommand;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code pipecat hello agents}: lists the agents of the active organization through the
 * authenticated API client, one name a line. Shows the checks every API command needs: an
 * organization, a success status, the shape of the body.
 */
@Command(name = "agents", description = """
        List the agents of the active organization

        EXAMPLES
          $ pipecat hello agents
          $ PIPECAT_ORG=beta pipecat hello agents""")
public final class AgentsCommand extends CliCommand {

    @Override
    public void run(CommandContext context) {
        String org = context.settings().org().orElseThrow(CliException::notLoggedIn);
        // The client attaches (and refreshes) the token; a 401 has already become exit 4.
        ApiResponse response =
                context.api().get("/v1/organizations/" + URLEncoder.encode(org, StandardCharsets.UTF_8) + "/agents");
        if (!response.isSuccess()) {
            throw CliException.error("Could not list the agents of " + org + " (HTTP " + response.status() + ").");
        }
        JsonNode agents = response.json().path("agents");
        if (!agents.isArray()) {
            throw CliException.error("Unexpected response from " + response.what() + " (no agents list).");
        }
        if (agents.isEmpty()) {
            context.io().err().println("No agents in " + org + ".");
        }
        for (JsonNode agent : agents) {
            context.io().out().println(agent.path("name").asText());
        }
    }
}
