package io.pipecat.cli.auth.oauth;

import java.util.Objects;

/**
 * What {@code GET {api}/auth/config} says about the OAuth client of the CLI (docs/behaviour.md#login step 1).
 *
 * @param issuer   the OIDC issuer URL, compared exactly with the discovery document's
 * @param clientId the public client id of the CLI
 * @param scopes   the scopes to ask for, space-separated
 */
public record AuthConfig(String issuer, String clientId, String scopes) {
    public AuthConfig {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(scopes, "scopes");
    }
}
