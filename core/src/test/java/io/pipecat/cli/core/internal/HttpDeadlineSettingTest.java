package io.pipecat.cli.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.context.Environment;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.errors.ExitCode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code PIPECAT_HTTP_TIMEOUT}: seconds, positive, else a usage error naming the variable. */
class HttpDeadlineSettingTest {
    @Test
    void unsetOrEmptyMeansThirtySeconds() {
        assertEquals(Duration.ofSeconds(30), DefaultCommandContext.httpDeadline(Environment.of(Map.of())));
        assertEquals(Duration.ofSeconds(30), DefaultCommandContext.httpDeadline(env("")));
    }

    @ParameterizedTest(name = "{0} -> {1} ms")
    @CsvSource({"2, 2000", "0.5, 500", " 45 , 45000", "86400, 86400000", "1., 1000", ".25, 250"})
    void acceptsPositiveSeconds(String value, long millis) {
        assertEquals(Duration.ofMillis(millis), DefaultCommandContext.httpDeadline(env(value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "abc", "30s", "NaN", "Infinity", "0x10", "1e3", "86401", "1e400"})
    void anythingElseIsAUsageErrorNamingTheVariable(String value) {
        CliException e = assertThrows(CliException.class, () -> DefaultCommandContext.httpDeadline(env(value)));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(
                e.getMessage().startsWith("PIPECAT_HTTP_TIMEOUT must be a positive number of seconds"), e.getMessage());
    }

    private static Environment env(String value) {
        return Environment.of(Map.of("PIPECAT_HTTP_TIMEOUT", value));
    }
}
