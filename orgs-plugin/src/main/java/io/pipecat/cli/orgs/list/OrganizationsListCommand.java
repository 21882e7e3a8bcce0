package io.pipecat.cli.orgs.list;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.http.ApiResponse;
import io.pipecat.cli.orgs.api.ActiveOrganization;
import io.pipecat.cli.orgs.api.Organization;
import io.pipecat.cli.orgs.api.OrganizationsApi;
import io.pipecat.cli.orgs.output.Table;
import io.pipecat.cli.spi.CliCommand;
import java.util.List;
import java.util.Optional;

/** {@code pipecat cloud organizations list [--json]}: the organizations you belong to, the active one marked. */
@Command(name = "list", description = """
        List the organizations you belong to

        The active one (PIPECAT_ORG, else the config file's 'org') is marked. --json prints one object: 'active' (the active organization's name, or \
        null) and 'organizations' (each with 'name', 'verbose_name' and 'active').

        EXAMPLES
          $ pipecat cloud organizations list
          $ pipecat cloud organizations list --json | jq -r '.organizations[].name'""")
public final class OrganizationsListCommand extends CliCommand {

    @Option(name = "--json", description = "Print one JSON object instead of a table")
    private boolean json;

    @Override
    public void run(CommandContext context) throws Exception {
        List<Organization> organizations = OrganizationsApi.organizations(context);
        if (organizations.isEmpty()) {
            throw CliException.error("No organizations are associated with your account. Please complete the"
                    + " onboarding in the dashboard: " + context.settings().dashboardHost());
        }
        Optional<ActiveOrganization> active = ActiveOrganization.of(context);
        Optional<String> activeName = active.map(ActiveOrganization::name)
                .filter(name -> organizations.stream().anyMatch(o -> o.name().equals(name)));
        if (json) {
            ObjectNode out = ApiResponse.jsonMapper().createObjectNode();
            if (activeName.isPresent()) {
                out.put("active", activeName.get());
            } else {
                out.putNull("active");
            }
            ArrayNode list = out.putArray("organizations");
            for (Organization o : organizations) {
                list.addObject()
                        .put("name", o.name())
                        .put("verbose_name", o.verboseName())
                        .put(
                                "active",
                                activeName.isPresent() && activeName.get().equals(o.name()));
            }
            context.io()
                    .out()
                    .println(ApiResponse.jsonMapper()
                            .writerWithDefaultPrettyPrinter()
                            .writeValueAsString(out));
        } else {
            Table table = new Table("ORGANIZATION", "NAME", "ACTIVE");
            for (Organization o : organizations) {
                boolean isActive = activeName.isPresent() && activeName.get().equals(o.name());
                table.row(o.verboseName(), o.name(), isActive ? "active" : "");
            }
            table.print(context.io().out());
        }
        if (active.isPresent() && activeName.isEmpty()) {
            context.warn("the active organization '" + active.get().name() + "' ("
                    + active.get().origin() + ") is not one of these; "
                    + active.get().fix());
        }
    }
}
