package io.pipecat.cli.orgs.api;

/**
 * One organization (namespace) the user belongs to.
 *
 * @param name        the slug, e.g. {@code acme}: what the config file's {@code org} holds
 * @param verboseName the display name; empty when the server gives none
 */
public record Organization(String name, String verboseName) {

    /** @return {@code <verboseName> (<name>)}, or the name alone when there is no display name */
    public String display() {
        return verboseName.isEmpty() ? name : verboseName + " (" + name + ")";
    }
}
