package io.pipecat.cli.credentials.store;

import io.pipecat.cli.context.Environment;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What a credential store is told when it is created.
 *
 * @param env      the invocation's environment
 * @param apiHost  the API base URL in use (a keychain store keys its items by it, so logins to
 *                 different Pipecat Cloud hosts do not overwrite each other)
 * @param timeout  the time limit for any one call into the backing store
 * @param warnings where one-line warnings go (stderr); never pass a secret
 */
public record StoreContext(Environment env, String apiHost, Duration timeout, Consumer<String> warnings) {}
