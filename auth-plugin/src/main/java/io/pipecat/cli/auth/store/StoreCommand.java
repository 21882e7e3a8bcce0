package io.pipecat.cli.auth.store;

import com.github.rvesse.airline.annotations.Arguments;
import com.github.rvesse.airline.annotations.Command;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.credentials.AuthCapabilities;
import io.pipecat.cli.credentials.CredentialBroker;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.spi.ArgumentValues;
import io.pipecat.cli.spi.CliCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pipecat cloud auth store [file|keyring]}: shows which credential store is in use, or moves
 * the stored login to another store and remembers that choice (in our own preferences file, never
 * in the config file the official CLI reads).
 */
@Command(name = "store", description = """
        Show where credentials are kept, or move them to another store (file or keyring)

        EXAMPLES
          $ pipecat cloud auth store
          $ pipecat cloud auth store keyring     # move the login into the OS keychain
          $ pipecat cloud auth store file        # back into the config file""")
public final class StoreCommand extends CliCommand {

    @Arguments(title = "STORE", description = "file or keyring: move the stored login there and use it from now on")
    @ArgumentValues({"file", "keyring"})
    private List<String> target = new ArrayList<>();

    @Override
    public void run(CommandContext context) {
        CredentialBroker broker = AuthCapabilities.broker(context);
        if (target.isEmpty()) {
            context.io().out().println("Credential store: " + broker.storeName() + " (" + broker.storeOrigin() + ")");
            context.io()
                    .out()
                    .println(broker.stored().isPresent() ? "A login is stored there." : "No login is stored there.");
            return;
        }
        if (target.size() > 1) {
            throw CliException.usage("Give one store: pipecat cloud auth store file|keyring");
        }
        String destination = target.get(0);
        if (broker.storeName().equals(destination)) {
            context.io().out().println("Credentials are already kept in the " + destination + " store.");
            return;
        }
        boolean moved = broker.moveTo(destination);
        context.io()
                .out()
                .println(
                        moved
                                ? "Moved your login to the " + destination + " store; it is used from now on."
                                : "Credential store set to " + destination + " (no login was stored to move).");
    }
}
