package io.pipecat.cli.context;

import io.pipecat.cli.config.ConfigFile;
import io.pipecat.cli.config.Settings;
import io.pipecat.cli.http.HttpTransport;
import io.pipecat.cli.http.PipecatApiClient;
import java.time.Clock;

/**
 * Everything a command may use, built once per invocation by the launcher and handed to
 * {@link io.pipecat.cli.spi.CliCommand#run}. Expensive parts (HTTP client, keychain, config file)
 * are created on first use, so a command pays only for what it touches.
 *
 * <p>Tests build their own context (see {@code io.pipecat.cli.core.internal.DefaultCommandContext})
 * with in-memory streams, their own environment and a temporary config folder.
 */
public interface CommandContext {

    /** @return standard streams and whether they are terminals */
    CliIO io();

    /** @return the environment variables of this invocation */
    Environment env();

    /** @return the clock; commands never read the wall clock directly */
    Clock clock();

    /** @return this CLI's version, e.g. {@code 0.1.0} */
    String cliVersion();

    /** @return whether {@code --verbose} or {@code PIPECAT_DEBUG=1} asked for details */
    boolean verbose();

    /** @return resolved settings (environment > file > active org table > default) */
    Settings settings();

    /** @return the TOML config file shared with the official CLI */
    ConfigFile configFile();

    /** @return the credential broker: the only way to credentials */
    CredentialBroker credentials();

    /** @return the HTTP transport (created on first use) */
    HttpTransport http();

    /** @return an authenticated client for the Pipecat Cloud API (created on first use) */
    PipecatApiClient api();

    /** @return the browser opener */
    BrowserOpener browser();

    /**
     * Writes a warning line to stderr ({@code Warning: …}). Never pass a secret. Control characters
     * (a server's text may hold escape sequences) are escaped and line breaks flattened.
     *
     * @param message the warning, one line
     */
    default void warn(String message) {
        io().err().println("Warning: " + TerminalText.line(message));
    }
}
