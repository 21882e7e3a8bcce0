package io.pipecat.cli.auth.token;

import com.github.rvesse.airline.annotations.Command;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.credentials.ActiveToken;
import io.pipecat.cli.credentials.AuthCapabilities;
import io.pipecat.cli.spi.CliCommand;

/**
 * {@code pipecat cloud auth token} (docs/behaviour.md#token-ours), like {@code gh auth token}: the token
 * every other command would send, alone on stdout, so scripts can call the API themselves. It is
 * the broker's token, so {@code PIPECAT_TOKEN} wins and a stored OAuth token due for refresh is
 * refreshed (and the result stored) first.
 */
@Command(name = "token", description = """
        Print the active token alone on stdout, for your own API calls

        The token every other command would send: PIPECAT_TOKEN when it is set, else the stored
        login, refreshed (and stored) first when it is about to expire. Nothing else goes to
        stdout. With no token it prints nothing and fails with exit code 4.

        EXAMPLES
          $ curl -H "Authorization: Bearer $(pipecat cloud auth token)" https://api.pipecat.daily.co/v1/users
          $ pipecat cloud auth token >/dev/null || pipecat cloud auth login    # log in only when needed""")
public final class TokenCommand extends CliCommand {

    @Override
    public void run(CommandContext context) {
        ActiveToken token = AuthCapabilities.broker(context).requireToken();
        context.io().out().println(token.token());
    }
}
