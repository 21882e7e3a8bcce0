package io.pipecat.cli.credentials;

import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.core.internal.DefaultCommandContext;
import io.pipecat.cli.errors.CliException;

/**
 * How the auth plugin reaches the credentials of the invocation it runs in. This package is
 * exported to the auth plugin alone (a qualified export): a third-party plugin can neither compile
 * against it nor call it reflectively, so its {@link CommandContext} offers the authenticated API
 * client, never the tokens.
 */
public final class AuthCapabilities {

    private AuthCapabilities() {}

    /**
     * @param context the context the command was handed
     * @return the broker of that invocation
     * @throws CliException (exit 1) for a context the core did not create: a wrapper could hand the
     *     broker of one invocation to another
     */
    public static CredentialBroker broker(CommandContext context) {
        if (context instanceof DefaultCommandContext core) {
            return core.broker();
        }
        throw CliException.error("The credentials are only available in a context the pipecat core created.");
    }
}
