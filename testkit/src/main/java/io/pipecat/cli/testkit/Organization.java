package io.pipecat.cli.testkit;

/**
 * An organization known to the fake.
 *
 * @param name        the org slug, e.g. {@code acme}
 * @param verboseName display name, e.g. {@code Acme Inc.} (may be {@code null}; then JSON null is sent)
 * @param dailyApiKey the key returned by {@code GET /v1/organizations/{name}/daily}
 */
public record Organization(String name, String verboseName, String dailyApiKey) {
    public Organization {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("organization name must not be empty");
        }
    }

    public static Organization of(String name, String verboseName) {
        return new Organization(name, verboseName, "daily_key_" + name);
    }
}
