package io.pipecat.cli.orgs.keys;

import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.orgs.api.OrganizationsApi;
import java.util.Optional;

/** Which organization a {@code keys} command acts on: {@code -o}, else the active one. */
final class TargetOrganization {
    private TargetOrganization() {}

    /**
     * @param option the {@code -o} value, or null
     * @throws CliException exit 2 when neither names one; exit 4 first when not logged in (the
     *     organizations are listed to show the choices, which also checks the login)
     */
    static String resolve(CommandContext context, String option) {
        if (option != null) {
            return option;
        }
        Optional<String> active = context.settings().org();
        if (active.isPresent()) {
            return active.get();
        }
        String yours = OrganizationsApi.names(OrganizationsApi.organizations(context));
        throw CliException.usage("No active organization: pass -o ORG, or choose one with pipecat cloud"
                + " organizations select" + (yours.isEmpty() ? "." : " (yours: " + yours + ")."));
    }
}
