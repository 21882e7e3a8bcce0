package io.pipecat.cli.credentials;

import io.pipecat.cli.context.Environment;
import io.pipecat.cli.credentials.store.Credentials;
import java.util.Objects;
import java.util.Optional;

/**
 * The token a command should send, and where it came from. {@link #toString()} hides the token.
 *
 * @param token  the bearer token
 * @param source where it came from: {@value #ENV_SOURCE}, or the name of the credential store
 */
public record ActiveToken(String token, String source) {
    /** The source of a token from the {@code PIPECAT_TOKEN} environment variable. */
    public static final String ENV_SOURCE = "env";

    /** The environment variable whose token takes precedence over the stored login. */
    public static final String ENV_VARIABLE = "PIPECAT_TOKEN";

    public ActiveToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(source, "source");
    }

    /**
     * The one rule for {@code PIPECAT_TOKEN}, used wherever the CLI asks whether it is in force: its
     * value without surrounding whitespace, and a variable that is empty or only whitespace counts
     * as unset (a CI secret that expanded to nothing must not be sent as an empty bearer token, nor
     * hide the stored login).
     *
     * @return the token from {@code PIPECAT_TOKEN}, or empty when the variable is unset, empty or blank
     */
    public static Optional<ActiveToken> fromEnvironment(Environment env) {
        return env.get(ENV_VARIABLE)
                .map(String::trim)
                .filter(token -> !token.isEmpty())
                .map(token -> new ActiveToken(token, ENV_SOURCE));
    }

    /** @return whether this token came from {@code PIPECAT_TOKEN} rather than a credential store */
    public boolean fromEnvironment() {
        return ENV_SOURCE.equals(source);
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
