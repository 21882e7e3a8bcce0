package io.pipecat.cli.config;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Formats doubles the way Python's {@code repr(float)} does, which is what the official CLI's
 * {@code toml} library writes: the shortest decimal that parses back to the identical double,
 * plain notation ({@code 1795950641.7305133}, {@code 0.0}) unless the decimal exponent is below -4
 * or at least 16 ({@code 1e+16}, {@code 1.5e-05}). Non-finite values use TOML's {@code nan},
 * {@code inf}, {@code -inf}.
 */
final class TomlFloats {

    private TomlFloats() {}

    static String format(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestRoundTrip(d);
        String digits = shortest.unscaledValue().abs().toString();
        int exp10 = digits.length() - 1 - shortest.scale(); // position of the first digit
        String sign = d < 0 ? "-" : "";
        if (exp10 < -4 || exp10 >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String exp = String.format(Locale.ROOT, "%02d", Math.abs(exp10));
            return sign + mantissa + "e" + (exp10 < 0 ? "-" : "+") + exp;
        }
        if (exp10 < 0) {
            return sign + "0." + "0".repeat(-exp10 - 1) + digits;
        }
        if (digits.length() <= exp10 + 1) {
            return sign + digits + "0".repeat(exp10 + 1 - digits.length()) + ".0";
        }
        return sign + digits.substring(0, exp10 + 1) + "." + digits.substring(exp10 + 1);
    }

    /**
     * Rounds the exact binary value to the fewest significant digits that still parse back to
     * {@code d}. Being a correct rounding of the exact value, it is also the closest such decimal
     * (Python's choice). "p digits suffice" is monotone in p, so binary search over 1..17 (17
     * always suffice).
     */
    private static BigDecimal shortestRoundTrip(double d) {
        BigDecimal exact = new BigDecimal(d);
        int low = 1;
        int high = 17;
        BigDecimal best = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
        while (low < high) {
            int mid = (low + high) >>> 1;
            BigDecimal candidate = exact.round(new MathContext(mid, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(candidate.toString()) == d) {
                best = candidate;
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        if (low == 17) {
            best = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
        }
        return best.stripTrailingZeros();
    }
}
