package io.pipecat.cli.auth;

import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.credentials.ActiveToken;

/**
 * What {@code login}, {@code use-pat} and {@code logout} tell the user while {@code PIPECAT_TOKEN}
 * is in force: they change the stored login, but every command keeps sending the variable's token
 * until it is unset, so a message that only spoke of the stored login would mislead (a logout
 * would seem to have logged you out; "You are not logged in" would be false).
 */
public final class EnvironmentTokenNotice {
    /** After a login or use-pat stored its credentials. */
    public static final String STORED = "PIPECAT_TOKEN is set and takes precedence over the stored login: the new "
            + "login was stored, but commands keep using PIPECAT_TOKEN until you unset it.";

    /** After a logout removed the stored credentials. */
    public static final String REMOVED = "PIPECAT_TOKEN is set and takes precedence over the stored login: the "
            + "stored login was removed, but commands keep using PIPECAT_TOKEN until you unset it.";

    /** A logout that found nothing stored: it changed nothing and the variable's token stays in force. */
    public static final String NOTHING_STORED = "PIPECAT_TOKEN is set and is what commands use; there is no stored "
            + "login to remove, and logout cannot remove the variable: unset PIPECAT_TOKEN to stop using its token.";

    private EnvironmentTokenNotice() {}

    /** @return whether a non-blank {@code PIPECAT_TOKEN} overrides the stored login in this invocation */
    public static boolean inForce(CommandContext context) {
        return ActiveToken.fromEnvironment(context.env()).isPresent();
    }

    /** Warns with {@code notice} when {@code PIPECAT_TOKEN} is in force. */
    public static void warnIfInForce(CommandContext context, String notice) {
        if (inForce(context)) {
            context.warn(notice);
        }
    }
}
