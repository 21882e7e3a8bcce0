package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loading is linear in the file's size: a 1 MB file loads in time proportional to a 100 KB file
 * of the same shape. Measured in a fresh JVM with the CLI's flags (C1 JIT only, Serial GC); the
 * bound is generous (20 times the small file's time plus a second) because the machine may be
 * busy, but a super-linear parser misses it by orders of magnitude.
 */
class ConfigParseTimeTest {

    private static final int SMALL = 100_000;
    private static final int BIG = 1_000_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"comments", "blank-lines", "long-strings", "tables"})
    void aOneMegabyteFileLoadsInTimeProportionalToAHundredKilobyteFile(String shape) throws Exception {
        IntFunction<String> generator = switch (shape) {
            case "comments" -> LargeConfigs::comments;
            case "blank-lines" -> LargeConfigs::blankLines;
            case "long-strings" -> LargeConfigs::longStrings;
            default -> LargeConfigs::tables;
        };
        Path warmUp = write("warm-up.toml", generator.apply(SMALL));
        Path small = write("small.toml", generator.apply(SMALL));
        Path big = write("big.toml", generator.apply(BIG));
        assertTrue(Files.size(big) > 0.99 * BIG && Files.size(big) <= ConfigFile.MAX_SIZE);

        List<String> command = ChildJvm.command(
                ConfigLoadTimingMain.class, List.of(), List.of(warmUp.toString(), small.toString(), big.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        // Before the fix, 1 MB of comment or blank lines took hours: fail instead of waiting.
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            fail(shape + ": loading 1 MB did not finish within 120 s");
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), output);
        List<String> times = output.lines().toList();
        double smallMillis = Double.parseDouble(times.get(0));
        double bigMillis = Double.parseDouble(times.get(1));
        assertTrue(
                bigMillis <= 20 * smallMillis + 1_000,
                shape + ": 1 MB took " + bigMillis + " ms, 100 KB took " + smallMillis + " ms");
    }

    private Path write(String name, String content) throws Exception {
        return TestFiles.write(dir.resolve(name), content, "rw-------");
    }
}
