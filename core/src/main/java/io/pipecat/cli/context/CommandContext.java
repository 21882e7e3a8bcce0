package io.pipecat.cli.context;

import io.pipecat.cli.http.HttpTransport;
import io.pipecat.cli.http.PipecatApiClient;
import java.time.Clock;

/**
 * Everything a command may use, built once per invocation by the launcher and handed to
 * {@link io.pipecat.cli.spi.CliCommand#run}. Expensive parts (HTTP client, keychain, config file)
 * are created on first use, so a command pays only for what it touches.
 *
 * <p>A plugin gets capabilities, not secrets: the API client attaches the token, but no method
 * here returns a token or the config file's document. Tests run commands through the test kit's
 * {@code PipecatTestCli} with in-memory streams, their own environment and a temporary home.
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

    /**
     * @return the non-secret settings (environment &gt; file &gt; active org table &gt; default), and
     *     the narrow writes a command may make to the config file
     */
    Settings settings();

    /** @return a plain HTTP transport, no token attached (created on first use) */
    HttpTransport http();

    /**
     * @return a client for the Pipecat Cloud API that attaches the user's token (refreshed first
     *     when it is about to expire) and turns a 401 into exit 4 (created on first use)
     */
    PipecatApiClient api();

    /** @return the browser opener */
    BrowserOpener browser();

    /**
     * Writes a warning line to stderr ({@code Warning: …}). Never pass a secret. Control characters
     * (a server's text may hold escape sequences) are escaped and line breaks flattened. Yellow on
     * a terminal that wants colour ({@link CliIO#errStyle()}).
     *
     * @param message the warning, one line
     */
    default void warn(String message) {
        io().err().println(io().errStyle().warning("Warning: " + TerminalText.line(message)));
    }
}
