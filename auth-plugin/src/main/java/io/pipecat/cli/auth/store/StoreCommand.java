package io.pipecat.cli.auth.store;

import com.github.rvesse.airline.annotations.Arguments;
import com.github.rvesse.airline.annotations.Command;
import io.pipecat.cli.auth.EnvironmentTokenNotice;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.credentials.AuthCapabilities;
import io.pipecat.cli.credentials.CredentialBroker;
import io.pipecat.cli.credentials.StoreSwitch;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.spi.ArgumentValues;
import io.pipecat.cli.spi.CliCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pipecat cloud auth store [file|keyring]}: shows which credential store is in use, or moves
 * the stored login to another store and remembers that choice (in our own preferences file, never
 * in the config file the official CLI reads). Switching to {@code file} always works, even when the
 * keychain cannot be reached: it is the way out of a locked or missing keychain.
 */
@Command(name = "store", description = """
        Show where credentials are kept, or move them to another store (file or keyring) and use it \
        from now on. Moving to file works even when the keychain cannot be reached (locked, no \
        D-Bus): the choice is switched and you are told how to remove what is left in the keychain.

        EXAMPLES
          $ pipecat cloud auth store             # which store is in use, and whether a login is in it
          $ pipecat cloud auth store keyring     # move the login into the OS keychain
          $ pipecat cloud auth store file        # back to the config file (also the way out of a locked keychain)""")
public final class StoreCommand extends CliCommand {
    static final String TOKEN_VARIABLE = "PIPECAT_TOKEN";

    @Arguments(title = "STORE", description = "file or keyring: move the stored login there and use it from now on")
    @ArgumentValues({"file", "keyring"})
    private List<String> target = new ArrayList<>();

    @Override
    public void run(CommandContext context) {
        CredentialBroker broker = AuthCapabilities.broker(context);
        if (target.isEmpty()) {
            show(context, broker);
            return;
        }
        if (target.size() > 1) {
            throw CliException.usage("Give one store: pipecat cloud auth store file|keyring");
        }
        StoreSwitch result = broker.moveTo(target.get(0));
        context.io().out().println(describe(result));
        result.leftBehind().ifPresent(context::warn);
        if (tokenVariableSet(context)) {
            context.warn(TOKEN_VARIABLE + " is set and takes precedence over the stored login: commands use the"
                    + " variable until it is unset (it is never stored); the stored login " + whatHappened(result)
                    + ".");
        }
    }

    private static void show(CommandContext context, CredentialBroker broker) {
        context.io().out().println("Credential store: " + broker.storeName() + " (" + broker.storeOrigin() + ")");
        context.io()
                .out()
                .println(broker.stored().isPresent() ? "A login is stored there." : "No login is stored there.");
        if (tokenVariableSet(context)) {
            context.io()
                    .out()
                    .println(TOKEN_VARIABLE + " is set and takes precedence: commands use it, not the stored"
                            + " login, until it is unset.");
        }
    }

    private static boolean tokenVariableSet(CommandContext context) {
        // The one rule for the variable (an empty value counts as unset): docs/behaviour.md.
        return EnvironmentTokenNotice.inForce(context);
    }

    private static String describe(StoreSwitch result) {
        String to = result.to();
        return switch (result.outcome()) {
            case ALREADY -> "Credentials are already kept in the " + to + " store.";
            case MOVED -> "Moved your login to the " + to + " store; it is used from now on.";
            case NOTHING_TO_MOVE -> "Credential store set to " + to + " (no login was stored to move).";
            case KEPT_TARGET_LOGIN ->
                "Credential store set to " + to + "; kept the login already there and removed" + " the copy in the "
                        + result.from() + " store.";
            case SOURCE_UNREACHABLE ->
                "Credential store set to " + to + "; the " + result.from()
                        + " store could not be reached, so no login was moved"
                        + (result.loginInTarget()
                                ? " (the login already in the " + to + " store is used)."
                                : ": run pipecat cloud auth login to log in again.");
        };
    }

    private static String whatHappened(StoreSwitch result) {
        String to = result.to();
        return switch (result.outcome()) {
            case ALREADY -> "stays in the " + to + " store";
            case MOVED -> "was moved to the " + to + " store";
            case NOTHING_TO_MOVE -> "(none was stored) will be kept in the " + to + " store";
            case KEPT_TARGET_LOGIN -> "in the " + to + " store was kept";
            case SOURCE_UNREACHABLE -> "could not be moved (the " + result.from() + " store could not be reached)";
        };
    }
}
