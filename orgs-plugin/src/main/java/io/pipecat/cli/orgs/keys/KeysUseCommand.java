package io.pipecat.cli.orgs.keys;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.context.TerminalText;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.orgs.api.ApiKey;
import io.pipecat.cli.orgs.api.OrganizationsApi;
import io.pipecat.cli.orgs.prompt.Picker;
import io.pipecat.cli.spi.CliCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code pipecat cloud organizations keys use [-o ORG] [--key NAME]}: saves an organization's
 * default public API key, and makes that organization the active one, as the official CLI does.
 */
@Command(name = "use", description = """
        Choose an organization's default API key

        For -o, else the active organization: 'default_public_key' and \
        'default_public_key_name' are saved in the organization's table of the config file, and the organization becomes the active one ('org'). Without --key, \
        pick the key from a numbered list of the keys that are not revoked; that needs a terminal, \
        so scripts pass --key with the key's name (or the key itself).

        EXAMPLES
          $ pipecat cloud organizations keys use                       # pick from a list
          $ pipecat cloud organizations keys use -o acme --key "Production\"""")
public final class KeysUseCommand extends CliCommand {

    @Option(
            name = {"-o", "--organization"},
            title = "ORG",
            description = "The organization whose default key to set (default: the active one)")
    private String organization;

    @Option(
            name = "--key",
            title = "NAME",
            description = "The key to use: its name, as 'keys list' shows it, or the key itself")
    private String keyName;

    @Override
    public void run(CommandContext context) {
        if (keyName == null && !Picker.available(context.io())) {
            throw CliException.usage("Name the key with --key NAME: without a terminal there is no list to pick from.");
        }
        String org = TargetOrganization.resolve(context, organization);
        List<ApiKey> keys = OrganizationsApi.apiKeys(context, org);
        List<ApiKey> usable = keys.stream().filter(k -> !k.revoked()).toList();
        if (usable.isEmpty()) {
            throw CliException.error((keys.isEmpty() ? "No API keys found" : "Every API key is revoked")
                    + " for organization '" + org + "'. Create one in the dashboard: "
                    + context.settings().dashboardHost());
        }
        ApiKey chosen;
        if (keyName != null) {
            chosen = find(keys, org, keyName);
        } else {
            Optional<String> current = context.settings().orgValue(org, "default_public_key");
            chosen = new Picker<>(
                            "Select the default API key of " + org,
                            usable,
                            k -> (k.name().isEmpty() ? "(no name)" : k.name()) + "  " + k.key(),
                            ApiKey::name)
                    .pick(
                            context.io(),
                            usable.stream()
                                    .filter(k ->
                                            current.isPresent() && current.get().equals(k.key()))
                                    .findFirst());
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("default_public_key", chosen.key());
        values.put("default_public_key_name", chosen.name());
        context.settings().setOrg(org, values);
        context.io()
                .out()
                .println("API key '" + TerminalText.line(chosen.name()) + "' set as the default of organization "
                        + context.io().outStyle().highlight(org) + " (now the active organization).");
        if ("env".equals(context.settings().sourceOf("org"))
                && !org.equals(context.settings().org().orElse(org))) {
            context.warn("PIPECAT_ORG=" + context.settings().org().get() + " is set and takes precedence over the"
                    + " saved organization; unset it to use " + org + ".");
        }
    }

    /** The key named {@code wanted}: the key itself first, else the one non-revoked key of that name. */
    private static ApiKey find(List<ApiKey> keys, String org, String wanted) {
        Optional<ApiKey> byKey =
                keys.stream().filter(k -> k.key().equals(wanted)).findFirst();
        List<ApiKey> byName = keys.stream().filter(k -> k.name().equals(wanted)).toList();
        ApiKey found = byKey.orElse(null);
        if (found == null) {
            List<ApiKey> usableByName =
                    byName.stream().filter(k -> !k.revoked()).toList();
            if (usableByName.size() > 1) {
                throw CliException.error("Several API keys of organization '" + org + "' are named '" + wanted
                        + "': pass the key itself with --key.");
            }
            found = usableByName.isEmpty() ? byName.stream().findFirst().orElse(null) : usableByName.get(0);
        }
        if (found == null) {
            throw CliException.error("No API key named '" + wanted + "' in organization '" + org + "': its keys are "
                    + keys.stream()
                            .filter(k -> !k.revoked())
                            .map(k -> k.name().isEmpty() ? k.key() : k.name())
                            .collect(Collectors.joining(", "))
                    + ".");
        }
        if (found.revoked()) {
            throw CliException.error("The API key '" + wanted + "' of organization '" + org
                    + "' is revoked; choose another (pipecat cloud organizations keys list).");
        }
        return found;
    }
}
