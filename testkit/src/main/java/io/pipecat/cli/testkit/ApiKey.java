package io.pipecat.cli.testkit;

import java.util.Objects;

/**
 * A public API key of an organization, as {@code GET /v1/organizations/{org}/apiKeys} lists it:
 * {@code {"key", "metadata": {"name"}, "createdAt", "revoked"}}.
 *
 * <pre>{@code
 * fake.apiKeys("acme", ApiKey.of("pk_live_1", "Production"), ApiKey.of("pk_old", "Old key").revoke());
 * }</pre>
 *
 * @param key       the public key, e.g. {@code pk_…}
 * @param name      its human-readable name ({@code metadata.name})
 * @param createdAt when it was created, as the API writes it (ISO-8601)
 * @param revoked   whether it was revoked
 */
public record ApiKey(String key, String name, String createdAt, boolean revoked) {
    /** The {@code createdAt} of keys made with {@link #of}. */
    public static final String DEFAULT_CREATED_AT = "2026-01-15T10:00:00.000Z";

    public ApiKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** An active key created at {@link #DEFAULT_CREATED_AT}. */
    public static ApiKey of(String key, String name) {
        return new ApiKey(key, name, DEFAULT_CREATED_AT, false);
    }

    /** This key, created at {@code createdAt}. */
    public ApiKey createdAt(String value) {
        return new ApiKey(key, name, value, revoked);
    }

    /** This key, revoked. */
    public ApiKey revoke() {
        return new ApiKey(key, name, createdAt, true);
    }
}
