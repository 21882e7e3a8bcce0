package io.pipecat.cli.orgs.keys;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.http.ApiResponse;
import io.pipecat.cli.orgs.api.ApiKey;
import io.pipecat.cli.orgs.api.OrganizationsApi;
import io.pipecat.cli.orgs.output.Table;
import io.pipecat.cli.spi.CliCommand;
import java.util.List;
import java.util.Optional;

/** {@code pipecat cloud organizations keys list [-o ORG] [--json]}: an organization's public API keys. */
@Command(name = "list", description = """
        List an organization's public API keys

        The keys of -o, else of the active organization: name, key, when it was created, whether \
        it is revoked, and which one is the organization's default in the config file \
        ('default_public_key' of its table). --json prints one object: 'organization', \
        'default_public_key' (or null) and 'keys' (each with 'name', 'key', 'created_at', 'revoked' \
        and 'default').

        EXAMPLES
          $ pipecat cloud organizations keys list
          $ pipecat cloud organizations keys list -o acme --json | jq -r '.keys[] | select(.revoked | not) | .key'""")
public final class KeysListCommand extends CliCommand {

    @Option(
            name = {"-o", "--organization"},
            title = "ORG",
            description = "The organization whose keys to list (default: the active one)")
    private String organization;

    @Option(name = "--json", description = "Print one JSON object instead of a table")
    private boolean json;

    @Override
    public void run(CommandContext context) throws Exception {
        String org = TargetOrganization.resolve(context, organization);
        List<ApiKey> keys = OrganizationsApi.apiKeys(context, org);
        Optional<String> defaultKey = context.settings().orgValue(org, "default_public_key");
        if (json) {
            ObjectNode out = ApiResponse.jsonMapper().createObjectNode();
            out.put("organization", org);
            if (defaultKey.isPresent()) {
                out.put("default_public_key", defaultKey.get());
            } else {
                out.putNull("default_public_key");
            }
            ArrayNode list = out.putArray("keys");
            for (ApiKey key : keys) {
                list.addObject()
                        .put("name", key.name())
                        .put("key", key.key())
                        .put("created_at", key.createdAt())
                        .put("revoked", key.revoked())
                        .put(
                                "default",
                                defaultKey.isPresent() && defaultKey.get().equals(key.key()));
            }
            context.io()
                    .out()
                    .println(ApiResponse.jsonMapper()
                            .writerWithDefaultPrettyPrinter()
                            .writeValueAsString(out));
            return;
        }
        if (keys.isEmpty()) {
            context.io()
                    .err()
                    .println("No API keys found for organization '" + org + "'. Create one in the dashboard: "
                            + context.settings().dashboardHost());
            return;
        }
        Table table = new Table("NAME", "KEY", "CREATED AT", "STATUS", "DEFAULT");
        for (ApiKey key : keys) {
            table.row(
                    key.name(),
                    key.key(),
                    key.createdAt(),
                    key.revoked() ? "Revoked" : "Active",
                    defaultKey.isPresent() && defaultKey.get().equals(key.key()) ? "default" : "");
        }
        table.print(context.io().out());
    }
}
