package io.pipecat.cli.auth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code --show-cli-config} prints a token's expiry as {@code Instant.toString()} would, without
 * initialising {@code DateTimeFormatter}: both must print the same for every whole second it can
 * be given, from 1970 to past the year 9999 (where ISO-8601 adds a {@code +}).
 */
class ExpiryDateFormatTest {

    @Test
    void printsWhatInstantToStringPrints() {
        Random random = new Random(12_06);
        long[] edges = {
            0,
            1,
            59,
            60,
            3_599,
            3_600,
            86_399,
            86_400,
            951_782_400L,
            4_102_444_800L,
            253_402_300_799L,
            253_402_300_800L,
            Long.MAX_VALUE / 1000 / 1000
        };
        for (long second : edges) {
            Instant at = Instant.ofEpochSecond(second);
            assertEquals(at.toString(), ShowCliConfigCommand.utc(at), () -> "second " + second);
        }
        for (int i = 0; i < 100_000; i++) {
            long second = random.nextInt(3) == 0
                    ? (long) (random.nextDouble() * 400_000_000_000L)
                    : (long) (random.nextDouble() * 5_000_000_000L);
            Instant at = Instant.ofEpochSecond(second);
            assertEquals(at.toString(), ShowCliConfigCommand.utc(at), () -> "second " + second);
        }
    }
}
