/**
 * The auth plugin: {@code pipecat cloud auth login|logout|use-pat|whoami} and
 * {@code pipecat cloud --show-cli-config}. Exports nothing; the launcher finds it through
 * {@link io.pipecat.cli.spi.CommandGroupProvider}.
 *
 * @provides io.pipecat.cli.spi.CommandGroupProvider the {@code cloud} and {@code cloud auth} groups
 */
module io.pipecat.cli.auth {
    requires io.pipecat.cli.core;

    provides io.pipecat.cli.spi.CommandGroupProvider with io.pipecat.cli.auth.AuthPlugin;

    // Airline creates the commands and fills their @Option/@Arguments fields by reflection.
    opens io.pipecat.cli.auth.login to com.github.rvesse.airline;
    opens io.pipecat.cli.auth.logout to com.github.rvesse.airline;
    opens io.pipecat.cli.auth.pat to com.github.rvesse.airline;
    opens io.pipecat.cli.auth.whoami to com.github.rvesse.airline;
    opens io.pipecat.cli.auth.config to com.github.rvesse.airline;
    opens io.pipecat.cli.auth.store to com.github.rvesse.airline;
}
