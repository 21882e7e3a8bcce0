package io.pipecat.cli.core.internal;

import io.pipecat.cli.spi.Credentials;
import java.util.function.Consumer;

/** Refreshes OAuth tokens that are about to expire (spec §4, "Token refresh"). */
@FunctionalInterface
public interface TokenRefresher {

    /**
     * @param credentials the stored credentials
     * @param store       stores refreshed credentials (called before returning them)
     * @return the credentials to use: the same ones when no refresh is due
     * @throws io.pipecat.cli.errors.CliException exit 4 when a due refresh fails
     */
    Credentials refreshIfNeeded(Credentials credentials, Consumer<Credentials> store);
}
