package io.pipecat.cli.dist.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training reads each line of the light list once, without the wildcards. */
class LightInvocationsTest {
    @Test
    void eachLineIsTrainedOnceWithoutItsWildcards(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(
                dir.resolve("light-invocations"),
                "# comment\n\n-\n--help\n... --help\nhelp ...\ncloud --show-cli-config\n");
        assertEquals(
                List.of(List.of(), List.of("--help"), List.of("help"), List.of("cloud", "--show-cli-config")),
                LightInvocations.training(file));
    }
}
