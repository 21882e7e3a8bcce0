package io.pipecat.cli.context;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The non-secret settings of one invocation. Every setting resolves the same way: environment
 * variable {@code PIPECAT_<KEY>} &gt; top-level value in the config file &gt; value in the table of
 * the active organization &gt; built-in default.
 *
 * <p>The secrets of a login ({@code token}, {@code refresh_token}, {@code token_expires_at}) are not
 * settings: they are neither read nor written here. A command that calls the API uses
 * {@link CommandContext#api()}, which attaches (and refreshes) the token itself.
 *
 * <p>Writes go through the core's locked, atomic update of the config file shared with the
 * official CLI: nothing else in the file changes, and a file that is not a valid config is refused
 * rather than overwritten.
 */
public interface Settings {

    /** @return the config file's path, for display */
    Path configPath();

    /** @return the API base URL, without a trailing slash */
    String apiHost();

    /** @return the dashboard base URL, without a trailing slash */
    String dashboardHost();

    /** @return the active organization: {@code PIPECAT_ORG}, else the file's {@code org} */
    Optional<String> org();

    /**
     * Resolves a setting by its file key.
     *
     * @param key the key as written in the file, e.g. {@code default_public_key}
     * @return environment &gt; top-level &gt; active org table; empty when none has it
     * @throws IllegalArgumentException for a secret key ({@code token}, {@code refresh_token},
     *     {@code token_expires_at})
     */
    Optional<String> get(String key);

    /**
     * @return where {@link #get} found {@code key}: {@code env}, {@code file}, {@code org table} or
     *     {@code default}
     * @throws IllegalArgumentException for a secret key
     */
    String sourceOf(String key);

    /**
     * Reads a value from the table of one organization, whichever is active, e.g. the
     * {@code default_public_key} of an organization the user names with {@code -o}. Unlike
     * {@link #get}, no environment variable or top-level value takes part.
     *
     * @return the value in {@code [org]}; empty when the file, the table or the key is absent
     * @throws IllegalArgumentException for a secret key
     */
    Optional<String> orgValue(String org, String key);

    /**
     * Makes {@code org} the active organization (the file's top-level {@code org}) and creates its
     * table if there is none.
     *
     * @throws io.pipecat.cli.errors.CliException exit 1 when {@code org} is blank or names a
     *     top-level value of the file (e.g. {@code token}); exit 1 naming the file when it cannot be
     *     read or written
     */
    default void setOrg(String org) {
        setOrg(org, java.util.Map.of());
    }

    /**
     * Makes {@code org} the active organization, creates its table if there is none and sets
     * {@code values} in it, all in one update of the file: a crash or a concurrent CLI never sees
     * the organization without its values (e.g. a default key without its name).
     *
     * @param values keys and values for the organization's table, in the order to add new keys;
     *     may be empty
     * @throws io.pipecat.cli.errors.CliException exit 1 when {@code org} or a key is blank, a key is
     *     a secret key, or {@code org} names a top-level value of the file; exit 1 naming the file
     *     when it cannot be read or written
     */
    void setOrg(String org, java.util.Map<String, String> values);

    /**
     * Sets {@code key} in the table of organization {@code org}, e.g. its
     * {@code default_public_key}.
     *
     * @throws io.pipecat.cli.errors.CliException exit 1 when {@code key} is a secret key, {@code org}
     *     or {@code key} is blank, or {@code org} names a top-level value of the file; exit 1 naming
     *     the file when it cannot be read or written
     */
    void setOrgValue(String org, String key, String value);
}
