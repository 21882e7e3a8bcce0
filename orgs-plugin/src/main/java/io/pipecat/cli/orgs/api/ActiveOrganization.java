package io.pipecat.cli.orgs.api;

import io.pipecat.cli.context.CommandContext;
import java.util.Optional;

/**
 * The active organization and where it came from, for messages: {@code PIPECAT_ORG} wins over the
 * config file's {@code org}.
 *
 * @param name   the organization, e.g. {@code acme}
 * @param origin {@code from PIPECAT_ORG} or {@code set in <config file>}
 */
public record ActiveOrganization(String name, String origin) {

    /** @return the active organization, or empty when neither the environment nor the file names one */
    public static Optional<ActiveOrganization> of(CommandContext context) {
        return context.settings().org().map(name -> new ActiveOrganization(name, originOf(context)));
    }

    /** @return whether {@code PIPECAT_ORG} names it (so a change to the file does not take effect) */
    public boolean fromEnvironment() {
        return origin.equals(FROM_ENV);
    }

    /** @return how to make the active organization one of the user's */
    public String fix() {
        return fromEnvironment()
                ? "set PIPECAT_ORG to one of them, or unset it"
                : "choose one with pipecat cloud organizations select";
    }

    private static final String FROM_ENV = "from PIPECAT_ORG";

    private static String originOf(CommandContext context) {
        return "env".equals(context.settings().sourceOf("org"))
                ? FROM_ENV
                : "set in " + context.settings().configPath();
    }
}
