package io.pipecat.cli.auth.login;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import io.pipecat.cli.auth.EnvironmentTokenNotice;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.credentials.AuthCapabilities;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.spi.CliCommand;
import java.time.Duration;

/**
 * {@code pipecat cloud auth login [--headless|-h] [--timeout SECONDS]}: OAuth 2.0 authorization
 * code flow with PKCE (docs/behaviour.md#login). The credential store and the config file are checked before any
 * browser opens; a malformed config file is backed up and replaced when the login is stored.
 */
@Command(name = "login", description = """
        Log in to Pipecat Cloud in the browser (OAuth 2.0 + PKCE)

        EXAMPLES
          $ pipecat cloud auth login
          $ pipecat cloud auth login --headless        # over SSH: open the printed URL elsewhere
          $ pipecat cloud auth login --timeout 300""")
public final class LoginCommand extends CliCommand {

    /** How long to wait for the browser by default. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 120;

    @Option(
            name = {"--headless", "-h"},
            description = "Do not open a browser: print the URL, and accept the "
                    + "redirected URL (or the code) pasted on stdin")
    private boolean headless;

    @Option(name = "--timeout", title = "SECONDS", description = "How long to wait for the browser (default 120)")
    private Integer timeoutSeconds;

    @Override
    public void run(CommandContext context) throws Exception {
        int seconds = timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
        if (seconds < 1) {
            throw CliException.usage("--timeout must be at least 1 second.");
        }
        AuthCapabilities.broker(context).checkStoreAvailable();
        // Before the browser opens and a token is issued: a config file nothing could replace
        // fails here; a malformed one is announced now and backed up and replaced by the save.
        AuthCapabilities.broker(context).prepareReplacement().ifPresent(context::warn);
        new PkceLoginFlow(context, headless, Duration.ofSeconds(seconds)).run();
        EnvironmentTokenNotice.warnIfInForce(context, EnvironmentTokenNotice.STORED);
    }
}
