package io.pipecat.cli.orgs.api;

/**
 * One public API key of an organization.
 *
 * @param key       the key itself, e.g. {@code pk_…} (public: it is meant to be shared with clients)
 * @param name      its human-readable name; empty when the server gives none
 * @param createdAt when it was created, as the server wrote it; empty when absent
 * @param revoked   whether it was revoked
 */
public record ApiKey(String key, String name, String createdAt, boolean revoked) {}
