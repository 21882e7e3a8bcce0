package io.pipecat.cli.auth.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How {@code auth status} shows a moment: the UTC date and time, and how far it is from now. */
final class RelativeTime {
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private RelativeTime() {}

    /** @return e.g. {@code 2026-01-01 01:00:00 UTC (in 1 hour)} or {@code … (expired 5 minutes ago)} */
    static String describe(Instant at, Instant now) {
        return UTC.format(at) + " (" + relative(at, now) + ")";
    }

    /** @return e.g. {@code in 59 minutes}, {@code expired 2 days ago}, {@code now} */
    static String relative(Instant at, Instant now) {
        long seconds = Duration.between(now, at).getSeconds();
        if (seconds == 0) {
            return "now";
        }
        String amount = amount(Math.abs(seconds));
        return seconds > 0 ? "in " + amount : "expired " + amount + " ago";
    }

    /** The largest whole unit, rounded down: a token valid for 119 s is valid "1 minute" more, never 2. */
    private static String amount(long seconds) {
        if (seconds < 60) {
            return plural(seconds, "second");
        }
        if (seconds < 3600) {
            return plural(seconds / 60, "minute");
        }
        if (seconds < 2 * 86400) {
            return plural(seconds / 3600, "hour");
        }
        return plural(seconds / 86400, "day");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
