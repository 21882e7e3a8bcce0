package io.pipecat.cli.launcher.tree;

/**
 * {@code pipecat help environment}: every environment variable the CLI (and its {@code ./pipecat}
 * script) reads, with its default. Kept beside the help renderer so that a new variable is
 * documented where help is written; README.md and docs/behaviour.md carry the same table.
 */
public final class EnvironmentHelp {
    /** The topic's name: {@code pipecat help environment}. */
    public static final String TOPIC = "environment";

    /** One line for the root help's HELP TOPICS. */
    public static final String SUMMARY = "Environment variables that pipecat reads";

    /** The topic's text. */
    public static final String TEXT = """
            Environment variables that pipecat reads. A variable set to an empty value counts as
            unset (PIPECAT_TOKEN= is no token); every setting resolves as: variable > top-level
            value in the config file > value in the active organization's table > default.

            PIPECAT_CONFIG_PATH
              The config file, shared with the official CLI.
              Default: ~/.config/pipecatcloud/pipecatcloud.toml

            PIPECAT_TOKEN
              A token (OAuth access token or PAT) to use instead of the stored login, e.g. in CI.
              It is never written anywhere. Empty counts as unset. Default: none.

            PIPECAT_ORG
              The organization to use instead of the one in the config file. Default: none.

            PIPECAT_API_HOST
              The API base URL (https:// required, http:// only on 127.0.0.1, ::1, localhost).
              Default: https://api.pipecat.daily.co

            PIPECAT_DASHBOARD_HOST
              The dashboard base URL (shown in sign-out hints). Default: https://pipecat.daily.co

            PIPECAT_<KEY>
              Any other setting of the config file, e.g. PIPECAT_DEFAULT_PUBLIC_KEY.

            PIPECAT_CREDENTIAL_STORE
              Where credentials are kept: file or keyring. Overrides the choice saved by
              'pipecat cloud auth store'. Default: the saved choice, else file.

            PIPECAT_HTTP_TIMEOUT
              Seconds one HTTP request may take, from connect to the last byte of the answer
              (a positive number, at most 86400). Default: 30

            PIPECAT_PLUGIN_PATH
              Plugin folders, separated by ':' (';' on Windows); plugins install into the first.
              Default: ~/.config/pipecatcloud/plugins

            PIPECAT_PLUGIN_REPOSITORIES
              Maven repositories for 'pipecat plugins install' and 'upgrade', comma-separated
              (https:, file:; http: only on loopback). Default: https://repo.maven.apache.org/maven2

            PIPECAT_DEBUG
              Any value but 0: stack traces on errors, as --verbose. Default: off.

            PIPECAT_TRACE_STARTUP
              Set: start-up timings on stderr (plugin discovery, plugin index, command tree).
              Default: off.

            BROWSER
              The command that opens a URL at login ('%s' is replaced by the URL, else the URL is
              appended). Default: xdg-open (Linux), open (macOS), rundll32 (Windows).

            HTTPS_PROXY, HTTP_PROXY, NO_PROXY (or lower case)
              Proxy for API calls; loopback hosts never use one. Default: none.

            NO_COLOR
              Any non-empty value: no colour in the output (wins over CLICOLOR_FORCE).
              Default: colour where the stream is a terminal.

            CLICOLOR_FORCE
              Set and not 0: colour even into a pipe or a file. Default: unset.

            CLICOLOR
              0: no colour. Default: unset.

            TERM
              dumb: no colour. Default: set by your terminal.

            COLUMNS
              Terminal width for the login's waiting line. Default: stty size, else 40.

            DISPLAY, WAYLAND_DISPLAY
              On Linux, with neither set (and no BROWSER), login cannot open a browser and goes
              headless: it prints the URL and takes the pasted redirect URL or code.

            XDG_CACHE_HOME
              Where the plugin index lives (pipecat-cli/plugin-index, safe to delete).
              Default: ~/.cache

            HOME
              The home folder the defaults above start from. Default: the user's home.

            DBUS_SESSION_BUS_ADDRESS
              The D-Bus session the keyring store talks to on Linux (Secret Service).

            Read by the ./pipecat script of a source checkout only:

            PIPECAT_TRUST_STORE
              The Java trust store for TLS; jdk: the runtime's own.
              Default: /etc/ssl/certs/java/cacerts where it exists.

            JAVA_HOME
              The JDK to build with and, without a runtime image, to run with. Default: java on PATH.

            EXAMPLES
              $ PIPECAT_TOKEN=pcc_pat_... PIPECAT_ORG=acme pipecat cloud auth whoami
              $ PIPECAT_API_HOST=http://127.0.0.1:8080 pipecat cloud auth login --headless
              $ PIPECAT_CREDENTIAL_STORE=file pipecat cloud auth whoami
            """;

    private EnvironmentHelp() {}
}
