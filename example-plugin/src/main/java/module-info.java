/**
 * An example third-party plugin: adds {@code pipecat hello greet} and {@code pipecat hello agents}. Build it, copy the jar into
 * {@code ~/.config/pipecatcloud/plugins} (or a folder named in {@code PIPECAT_PLUGIN_PATH}) and it
 * shows up in {@code pipecat --help}.
 *
 * @provides io.pipecat.cli.spi.CommandGroupProvider the {@code hello} group
 */
module io.pipecat.example.hello {
    requires io.pipecat.cli.core;

    provides io.pipecat.cli.spi.CommandGroupProvider with
            io.pipecat.example.hello.HelloPlugin;

    // Airline creates the command and fills its @Option fields by reflection.
    opens io.pipecat.example.hello to
            com.github.rvesse.airline;
}
