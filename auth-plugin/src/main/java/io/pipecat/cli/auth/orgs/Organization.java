package io.pipecat.cli.auth.orgs;

/**
 * One organization (namespace) the token can see.
 *
 * @param name        the slug, e.g. {@code acme}
 * @param verboseName the display name; may be empty
 */
public record Organization(String name, String verboseName) {

    /** @return {@code <verboseName> (<name>)}, or just the name when there is no display name */
    public String display() {
        return verboseName.isEmpty() ? name : verboseName + " (" + name + ")";
    }
}
