package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tomlj.Toml;

class TomlFloatsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1795950641.7305133, 1795950641.7305133",
        "0.0, 0.0",
        "-0.0, -0.0",
        "1.0, 1.0",
        "0.1, 0.1",
        "100.0, 100.0",
        "-2.5, -2.5",
        "0.0001, 0.0001",
        "0.00001, 1e-05",
        "0.000015, 1.5e-05",
        "1e15, 1000000000000000.0",
        "9999999999999998.0, 9999999999999998.0",
        "1e16, 1e+16",
        "1.2345678901234568e17, 1.2345678901234568e+17",
        "1e22, 1e+22",
        "4.9e-324, 5e-324",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "0.30000000000000004, 0.30000000000000004",
        "123.456, 123.456",
    })
    void formatsLikePythonRepr(double value, String expected) {
        assertEquals(expected, TomlFloats.format(value));
    }

    @Test
    void nonFiniteUseTomlSpellings() {
        assertEquals("nan", TomlFloats.format(Double.NaN));
        assertEquals("inf", TomlFloats.format(Double.POSITIVE_INFINITY));
        assertEquals("-inf", TomlFloats.format(Double.NEGATIVE_INFINITY));
    }

    /** 20k random bit patterns: identical double after re-parse, never longer than Java's. */
    @Test
    void randomDoublesRoundTripExactlyAndShortest() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            double d = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextDouble() * 1e6;
            if (!Double.isFinite(d)) {
                continue;
            }
            String s = TomlFloats.format(d);
            assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(Double.parseDouble(s)), s);
            if (d != 0) {
                int ours = new BigDecimal(s).stripTrailingZeros().precision();
                int javas =
                        new BigDecimal(Double.toString(d)).stripTrailingZeros().precision();
                assertTrue(ours <= javas, s + " longer than " + Double.toString(d));
            }
        }
    }

    @Test
    void tomljReadsEveryFormatBackIdentically() {
        Random random = new Random(7);
        for (int i = 0; i < 1_500; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            String s = TomlFloats.format(d);
            var parsed = Toml.parse("x = " + s, TomlReader.VERSION);
            assertTrue(parsed.errors().isEmpty(), s + " " + parsed.errors());
            double back = parsed.getDouble("x");
            assertTrue(Double.isNaN(d) ? Double.isNaN(back) : Double.compare(d, back) == 0, s);
        }
    }
}
