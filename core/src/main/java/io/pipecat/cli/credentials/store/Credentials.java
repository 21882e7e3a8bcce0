package io.pipecat.cli.credentials.store;

import java.util.Objects;

/**
 * A stored login: what the official CLI keeps as {@code token}, {@code refresh_token} and
 * {@code token_expires_at}. {@link #toString()} never shows the secrets.
 *
 * @param token        the access token or personal access token (PAT); never blank
 * @param refreshToken the OAuth refresh token; {@code ""} for PATs and logins without one
 * @param expiresAt    expiry of {@code token} in epoch seconds (fractional); {@code 0} for PATs
 */
public record Credentials(String token, String refreshToken, double expiresAt) {

    /** The prefix every personal access token starts with. */
    public static final String PAT_PREFIX = "pcc_pat_";

    public Credentials {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        refreshToken = refreshToken == null ? "" : refreshToken;
    }

    /** Credentials for a personal access token: no refresh token, expiry 0. */
    public static Credentials pat(String token) {
        return new Credentials(token, "", 0);
    }

    /** @return whether the token is a personal access token (never refreshed) */
    public boolean isPat() {
        return token.startsWith(PAT_PREFIX);
    }

    /** @return whether a refresh token is stored */
    public boolean hasRefreshToken() {
        return !refreshToken.isEmpty();
    }

    @Override
    public String toString() {
        return "Credentials[token=****, refreshToken=" + (hasRefreshToken() ? "****" : "") + ", expiresAt=" + expiresAt
                + "]";
    }
}
