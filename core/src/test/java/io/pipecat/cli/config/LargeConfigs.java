package io.pipecat.cli.config;

import java.util.function.IntFunction;

/** Generated config files of a given shape and size, for the size and timing tests. */
final class LargeConfigs {

    static final String HEADER = "token = \"pcc_pat_old\"\norg = \"org-1\"\n";

    private LargeConfigs() {}

    /** Comment lines of 80 bytes, as a heavily commented file has them. */
    static String comments(int bytes) {
        return fill(HEADER, bytes, i -> "# " + "c".repeat(77) + "\n");
    }

    /** Blank lines only. */
    static String blankLines(int bytes) {
        return fill(HEADER, bytes, i -> "\n");
    }

    /** One table per 1 KB string value. */
    static String longStrings(int bytes) {
        return fill(HEADER, bytes, i -> "\n[s" + i + "]\nvalue = \"" + "v".repeat(1000) + "\"\n");
    }

    /**
     * Organization tables as the CLI writes them (a blank line before each header), so a rewrite
     * keeps the size.
     */
    static String tables(int bytes) {
        return fill(
                HEADER,
                bytes,
                i -> "\n[org-" + i + "]\ndefault_public_key = \"pk_" + i + "\"\ndefault_public_key_name = \"Key " + i
                        + "\"\n");
    }

    /** {@code count} empty tables, as the CLI writes them: the most tables per byte. */
    static String emptyTables(int count) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < count; i++) {
            sb.append("\n[t").append(i).append("]\n");
        }
        return sb.toString();
    }

    /** {@code header}, then units while the total stays within {@code bytes} (all ASCII). */
    private static String fill(String header, int bytes, IntFunction<String> unit) {
        StringBuilder sb = new StringBuilder(bytes).append(header);
        for (int i = 0; ; i++) {
            String next = unit.apply(i);
            if (sb.length() + next.length() > bytes) {
                return sb.toString();
            }
            sb.append(next);
        }
    }
}
