/**
 * The auth plugin: {@code pipecat cloud auth login|logout|use-pat|whoami|status|token|store} and
 * {@code pipecat cloud --show-cli-config}, and the Pipecat Cloud OAuth client
 * ({@code io.pipecat.cli.auth.oauth}: discovery, PKCE, code exchange, refresh). Exports nothing;
 * the launcher finds its commands through {@link io.pipecat.cli.spi.CommandGroupProvider}, the
 * core's credential broker its token refresh through {@link io.pipecat.cli.credentials.TokenRefresher}.
 * The only module the core exports its credential packages to.
 *
 * @provides io.pipecat.cli.spi.CommandGroupProvider the {@code cloud} and {@code cloud auth} groups
 * @provides io.pipecat.cli.credentials.TokenRefresher the OAuth refresh-token grant
 */
module io.pipecat.cli.auth {
    requires io.pipecat.cli.core;

    provides io.pipecat.cli.spi.CommandGroupProvider with
            io.pipecat.cli.auth.AuthPlugin;
    provides io.pipecat.cli.credentials.TokenRefresher with
            io.pipecat.cli.auth.oauth.OAuthTokenRefresher;

    // Airline creates the commands and fills their @Option/@Arguments fields by reflection.
    opens io.pipecat.cli.auth.login to
            com.github.rvesse.airline;
    opens io.pipecat.cli.auth.logout to
            com.github.rvesse.airline;
    opens io.pipecat.cli.auth.pat to
            com.github.rvesse.airline;
    opens io.pipecat.cli.auth.whoami to
            com.github.rvesse.airline;
    opens io.pipecat.cli.auth.config to
            com.github.rvesse.airline;
    opens io.pipecat.cli.auth.store to
            com.github.rvesse.airline;
    opens io.pipecat.cli.auth.status to
            com.github.rvesse.airline;
    opens io.pipecat.cli.auth.token to
            com.github.rvesse.airline;
}
