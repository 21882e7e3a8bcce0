/**
 * The organizations plugin: {@code pipecat cloud organizations list|select} and
 * {@code pipecat cloud organizations keys list|use}, the official CLI's commands that read and
 * write the active organization and its default public API key in the shared config file.
 *
 * <p>It is written against the public plugin API only, exactly as a third-party plugin is: it
 * requires {@code io.pipecat.cli.core} and uses its exported packages ({@code spi},
 * {@code context}, {@code errors}, {@code http}), never a package the core exports by name. It
 * ships with the CLI (so it is a built-in), and it is the proof that the API is enough.
 *
 * @provides io.pipecat.cli.spi.CommandGroupProvider the {@code cloud organizations} and
 *     {@code cloud organizations keys} groups
 */
module io.pipecat.cli.orgs {
    requires io.pipecat.cli.core;

    provides io.pipecat.cli.spi.CommandGroupProvider with
            io.pipecat.cli.orgs.OrganizationsPlugin;

    // Airline creates the commands and fills their @Option fields by reflection.
    opens io.pipecat.cli.orgs.list to
            com.github.rvesse.airline;
    opens io.pipecat.cli.orgs.select to
            com.github.rvesse.airline;
    opens io.pipecat.cli.orgs.keys to
            com.github.rvesse.airline;
}
