package io.pipecat.cli.context;

import io.pipecat.cli.spi.Credentials;
import java.util.Objects;

/**
 * The token a command should send, and where it came from. {@link #toString()} hides the token.
 *
 * @param token  the bearer token
 * @param source where it came from
 */
public record ActiveToken(String token, TokenSource source) {

    public ActiveToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(source, "source");
    }

    /** @return {@code "PAT"} for personal access tokens, else {@code "OAuth"} (spec §6) */
    public String authMethod() {
        return token.startsWith(Credentials.PAT_PREFIX) ? "PAT" : "OAuth";
    }

    @Override
    public String toString() {
        return "ActiveToken[token=****, source=" + source.label() + "]";
    }
}
