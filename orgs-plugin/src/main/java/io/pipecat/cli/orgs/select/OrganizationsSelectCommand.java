package io.pipecat.cli.orgs.select;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.context.TerminalText;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.orgs.api.ActiveOrganization;
import io.pipecat.cli.orgs.api.Organization;
import io.pipecat.cli.orgs.api.OrganizationsApi;
import io.pipecat.cli.orgs.prompt.Picker;
import io.pipecat.cli.spi.CliCommand;
import java.util.List;
import java.util.Optional;

/**
 * {@code pipecat cloud organizations select [-o ORG]}: makes an organization the active one (the
 * config file's {@code org}), creating its empty table when it has none, as the official CLI does.
 */
@Command(name = "select", description = """
        Choose the active organization

        The organization is saved as 'org' in the config file (with \
        an empty [ORG] table when it has none; other organizations' tables are kept). Without -o, \
        pick it from a numbered list; that needs a terminal, so scripts pass -o. PIPECAT_ORG, when \
        set, still takes precedence over the saved choice.

        EXAMPLES
          $ pipecat cloud organizations select               # pick from a list
          $ pipecat cloud organizations select -o acme""")
public final class OrganizationsSelectCommand extends CliCommand {

    @Option(
            name = {"-o", "--organization"},
            title = "ORG",
            description = "The organization to make active (its name, as 'organizations list' shows it)")
    private String organization;

    @Override
    public void run(CommandContext context) {
        if (organization == null && !Picker.available(context.io())) {
            throw CliException.usage("Name the organization with -o ORG (--organization ORG): without a terminal"
                    + " there is no list to pick from.");
        }
        List<Organization> organizations = OrganizationsApi.organizations(context);
        if (organizations.isEmpty()) {
            throw CliException.error("No organizations are associated with your account. Please complete the"
                    + " onboarding in the dashboard: " + context.settings().dashboardHost());
        }
        Optional<ActiveOrganization> active = ActiveOrganization.of(context);
        Organization chosen;
        if (organization != null) {
            chosen = organizations.stream()
                    .filter(o -> o.name().equals(organization))
                    .findFirst()
                    .orElseThrow(() -> CliException.error("Unknown organization '" + organization + "': yours are "
                            + OrganizationsApi.names(organizations) + "."));
        } else {
            Optional<Organization> current = active.flatMap(a -> organizations.stream()
                    .filter(o -> o.name().equals(a.name()))
                    .findFirst());
            chosen = new Picker<>(
                            "Select the active organization", organizations, Organization::display, Organization::name)
                    .pick(context.io(), current);
        }
        context.settings().setOrg(chosen.name());
        context.io()
                .out()
                .println("Current organization set to "
                        + context.io().outStyle().highlight(TerminalText.line(chosen.display())) + ".");
        context.io()
                .out()
                .println("Default namespace updated in " + context.settings().configPath());
        if (active.isPresent()
                && active.get().fromEnvironment()
                && !active.get().name().equals(chosen.name())) {
            context.warn("PIPECAT_ORG=" + active.get().name() + " is set and takes precedence over the saved"
                    + " organization; unset it to use " + chosen.name() + ".");
        }
    }
}
