package io.pipecat.cli.config;

import java.util.Random;

/**
 * Random TOML-like documents for differential tests: mostly valid, often broken, and dense in
 * what a lexical pre-pass could get wrong — runs of blank and comment lines (at the top level,
 * inside arrays, inside multi-line strings), quotes and {@code #} inside strings, escaped quotes,
 * closing delimiters with extra quotes, line-ending backslashes, CRLF and lone CR, tabs, control
 * characters, non-ASCII, a BOM, duplicate keys, unterminated strings and arrays.
 */
final class RandomToml {

    private static final String[] TRIVIA = {
        "",
        "",
        "",
        "  ",
        "\t",
        " \t ",
        "#",
        "# comment",
        "   # indented # twice",
        "#\t tab",
        "# \"\"\" ''' \" '",
        "# [table] = value",
        "# ünïcødé 😀 \u00a0",
        "#\u007e~",
        "# \\",
    };

    /** Trivia-looking lines that tomlj rejects (control characters) or that are not trivia. */
    private static final String[] BAD_TRIVIA = {
        "# \u0001", "# \u007f", "#\u001f", "\f", "# lone \r cr", "\u000b", "\uFEFF# bom",
    };

    private static final String[] STRINGS = {
        "\"plain\"", "\"with # hash\"", "\"esc \\\" # quote\"", "\"back\\\\\"", "'lit # \"\"\" x'",
        "'''ml lit on one line'''", "\"\"\"ml basic on one line\"\"\"", "\"\"", "''", "\"tab\\tü\"",
        "\"\"\"four\"\"\"\"", "'''five'''''", "\"😀\"", "\"q \\\" ''' \"", "'lit \\'",
        "\"\"\"ml \\\"\"\" ''' \"\"\"",
    };

    private static final String[] BROKEN = {
        "= oops",
        "k = \"unterminated",
        "k = 'unterminated",
        "k = ",
        "[unclosed",
        "k = 1 2",
        "k = {a = 1,\n b = 2}",
        "k = { a = 1 } # then more",
        "k = \"\\q\"",
        "[[a]]\n[a]",
        "x = 1\nx = 2",
        "k = 1979-05-27T07:32",
        "k = 12:30",
        "k = [1, 2",
        "\"\"\"",
        "'''",
    };

    private RandomToml() {}

    static String document(Random random) {
        StringBuilder sb = new StringBuilder();
        if (random.nextInt(40) == 0) {
            sb.append('\uFEFF');
        }
        int items = 1 + random.nextInt(12);
        for (int i = 0; i < items; i++) {
            trivia(random, sb, random.nextInt(4) == 0 ? random.nextInt(12) : random.nextInt(3));
            item(random, sb, i);
        }
        trivia(random, sb, random.nextInt(6));
        String text = sb.toString();
        if (random.nextInt(4) == 0) {
            text = text.replace("\n", "\r\n");
        }
        if (random.nextInt(3) == 0) {
            text = text.stripTrailing(); // no final line break
        }
        return text;
    }

    private static void trivia(Random random, StringBuilder sb, int lines) {
        for (int i = 0; i < lines; i++) {
            if (random.nextInt(60) == 0) {
                sb.append(pick(random, BAD_TRIVIA)).append('\n');
            } else {
                sb.append(pick(random, TRIVIA)).append('\n');
            }
        }
    }

    private static void item(Random random, StringBuilder sb, int n) {
        String key = "k" + n;
        switch (random.nextInt(12)) {
            case 0 -> sb.append("[t").append(n).append("]\n");
            case 1 -> sb.append("[[arr]]\n");
            case 2 -> sb.append(key).append(" = ").append(random.nextInt(100)).append(" # trailing\n");
            case 3 -> sb.append(key).append(" = ").append(pick(random, STRINGS)).append('\n');
            case 4 -> multiLineString(random, sb, key, "\"\"\"");
            case 5 -> multiLineString(random, sb, key, "'''");
            case 6 -> {
                sb.append(key).append(" = [").append(random.nextBoolean() ? " # opens\n" : "\n");
                int elements = random.nextInt(5);
                for (int e = 0; e < elements; e++) {
                    trivia(random, sb, random.nextInt(5));
                    sb.append("  ")
                            .append(random.nextBoolean() ? pick(random, STRINGS) : "" + e)
                            .append(",")
                            .append(random.nextBoolean() ? " # element\n" : "\n");
                }
                trivia(random, sb, random.nextInt(5));
                sb.append("]\n");
            }
            case 7 ->
                sb.append(key)
                        .append(" = { a = 1, b = ")
                        .append(pick(random, STRINGS))
                        .append(" }\n");
            case 8 -> sb.append("a.").append(key).append(".c = true\n");
            case 9 -> sb.append(pick(random, BROKEN)).append('\n');
            case 10 -> sb.append("\"quoted # key ").append(n).append("\" = 1.5\n");
            default -> sb.append("[t").append(n).append(".sub]\nx = 1979-05-27\n");
        }
    }

    /** A multi-line string whose lines look like blank lines, comments and delimiters. */
    private static void multiLineString(Random random, StringBuilder sb, String key, String quotes) {
        sb.append(key).append(" = ").append(quotes);
        if (random.nextBoolean()) {
            sb.append('\n');
        }
        int lines = random.nextInt(8);
        for (int i = 0; i < lines; i++) {
            switch (random.nextInt(7)) {
                case 0 -> sb.append('\n');
                case 1 -> sb.append("# not a comment\n");
                case 2 -> sb.append("  \n");
                case 3 -> sb.append(quotes.equals("\"\"\"") ? "esc \\\"\"\" still open\n" : "'' two quotes\n");
                case 4 -> sb.append(quotes.equals("\"\"\"") ? "continued \\\n   \n" : "back \\\n");
                case 5 -> sb.append("[not.a.table] = \"x\"\n");
                default -> sb.append("text # ").append(i).append('\n');
            }
        }
        sb.append(random.nextInt(5) == 0 ? quotes + quotes.charAt(0) : quotes).append('\n');
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
