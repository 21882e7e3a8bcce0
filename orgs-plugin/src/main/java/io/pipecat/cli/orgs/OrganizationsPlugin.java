package io.pipecat.cli.orgs;

import io.pipecat.cli.orgs.keys.KeysListCommand;
import io.pipecat.cli.orgs.keys.KeysUseCommand;
import io.pipecat.cli.orgs.list.OrganizationsListCommand;
import io.pipecat.cli.orgs.select.OrganizationsSelectCommand;
import io.pipecat.cli.spi.CommandGroup;
import io.pipecat.cli.spi.CommandGroupProvider;
import java.util.List;

/** {@code pipecat cloud organizations …} and {@code pipecat cloud organizations keys …}. */
public final class OrganizationsPlugin implements CommandGroupProvider {

    @Override
    public String name() {
        return "organizations";
    }

    @Override
    public List<CommandGroup> groups() {
        return List.of(
                CommandGroup.at("cloud", "organizations")
                        .description("List your organizations and choose the active one")
                        .commands(OrganizationsListCommand.class, OrganizationsSelectCommand.class)
                        .build(),
                CommandGroup.at("cloud", "organizations", "keys")
                        .description("List an organization's public API keys and choose its default")
                        .commands(KeysListCommand.class, KeysUseCommand.class)
                        .build());
    }
}
