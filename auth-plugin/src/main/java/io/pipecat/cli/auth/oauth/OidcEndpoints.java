package io.pipecat.cli.auth.oauth;

import java.net.URI;
import java.util.Objects;

/**
 * The endpoints of a discovery document that passed every check of docs/behaviour.md#login step 2.
 *
 * @param issuer                the issuer (equal to {@link AuthConfig#issuer()})
 * @param authorizationEndpoint where the browser goes; https (or http on loopback)
 * @param tokenEndpoint         where codes and refresh tokens are exchanged; https (or http on loopback)
 */
public record OidcEndpoints(String issuer, URI authorizationEndpoint, URI tokenEndpoint) {
    public OidcEndpoints {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    }
}
