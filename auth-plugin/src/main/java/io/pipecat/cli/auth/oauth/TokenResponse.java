package io.pipecat.cli.auth.oauth;

import java.util.Objects;
import java.util.Optional;

/**
 * A successful answer of the token endpoint. {@link #toString()} hides the tokens.
 *
 * @param accessToken  the new access token
 * @param refreshToken the new refresh token, if the server sent one
 * @param expiresIn    lifetime of the access token in seconds, positive and at most a year:
 *                     {@value PipecatOAuthClient#DEFAULT_EXPIRES_IN} when the server did not say,
 *                     {@value PipecatOAuthClient#SHORT_LIVED_EXPIRES_IN} when what it said cannot be believed
 */
public record TokenResponse(String accessToken, Optional<String> refreshToken, long expiresIn) {
    public TokenResponse {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
    }

    @Override
    public String toString() {
        return "TokenResponse[accessToken=****, refreshToken="
                + refreshToken.map(r -> "****").orElse("none") + ", expiresIn=" + expiresIn + "]";
    }
}
