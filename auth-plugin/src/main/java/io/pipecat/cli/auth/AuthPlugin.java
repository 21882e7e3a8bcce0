package io.pipecat.cli.auth;

import io.pipecat.cli.auth.config.ShowCliConfigCommand;
import io.pipecat.cli.auth.login.LoginCommand;
import io.pipecat.cli.auth.logout.LogoutCommand;
import io.pipecat.cli.auth.pat.UsePatCommand;
import io.pipecat.cli.auth.status.StatusCommand;
import io.pipecat.cli.auth.store.StoreCommand;
import io.pipecat.cli.auth.token.TokenCommand;
import io.pipecat.cli.auth.whoami.WhoamiCommand;
import io.pipecat.cli.spi.CommandGroup;
import io.pipecat.cli.spi.CommandGroupProvider;
import java.util.List;

/** The built-in auth plugin: the {@code cloud} group (with {@code --show-cli-config}) and {@code cloud auth}. */
public final class AuthPlugin implements CommandGroupProvider {

    @Override
    public String name() {
        return "auth";
    }

    @Override
    public List<CommandGroup> groups() {
        return List.of(
                CommandGroup.at("cloud")
                        .description("Pipecat Cloud commands")
                        .defaultCommand(ShowCliConfigCommand.class)
                        .build(),
                CommandGroup.at("cloud", "auth")
                        .description("Log in and out of Pipecat Cloud, and show who you are")
                        .commands(
                                LoginCommand.class,
                                LogoutCommand.class,
                                UsePatCommand.class,
                                WhoamiCommand.class,
                                StatusCommand.class,
                                TokenCommand.class,
                                StoreCommand.class)
                        .build());
    }
}
