package io.pipecat.cli.credentials;

import io.pipecat.cli.credentials.store.Credentials;
import java.util.Objects;

/**
 * The token a command should send, and where it came from. {@link #toString()} hides the token.
 *
 * @param token  the bearer token
 * @param source where it came from: {@value #ENV_SOURCE}, or the name of the credential store
 */
public record ActiveToken(String token, String source) {
    /** The source of a token from the {@code PIPECAT_TOKEN} environment variable. */
    public static final String ENV_SOURCE = "env";

    public ActiveToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(source, "source");
    }

    /** @return {@code "PAT"} for personal access tokens, else {@code "OAuth"} */
    public String authMethod() {
        return token.startsWith(Credentials.PAT_PREFIX) ? "PAT" : "OAuth";
    }

    @Override
    public String toString() {
        return "ActiveToken[token=****, source=" + source + "]";
    }
}
