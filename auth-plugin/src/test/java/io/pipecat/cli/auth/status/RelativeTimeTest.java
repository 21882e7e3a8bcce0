package io.pipecat.cli.auth.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How {@code auth status} words a token's expiry: the largest whole unit, rounded down. */
class RelativeTimeTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0} s -> {1}")
    @CsvSource({
        "0, now",
        "1, in 1 second",
        "59, in 59 seconds",
        "60, in 1 minute",
        "119, in 1 minute",
        "3599, in 59 minutes",
        "3600, in 1 hour",
        "86400, in 24 hours",
        "172799, in 47 hours",
        "172800, in 2 days",
        "-1, expired 1 second ago",
        "-7200, expired 2 hours ago"
    })
    void relative(long seconds, String expected) {
        assertEquals(expected, RelativeTime.relative(NOW.plusSeconds(seconds), NOW));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"3600, 2026-01-01 01:00:00 UTC (in 1 hour)", "-300, 2025-12-31 23:55:00 UTC (expired 5 minutes ago)"})
    void describe(long seconds, String expected) {
        assertEquals(expected, RelativeTime.describe(NOW.plusSeconds(seconds), NOW));
    }
}
