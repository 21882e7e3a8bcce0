package io.pipecat.cli.config;

import java.util.Arrays;

/**
 * A lexical pass over a document before tomlj parses it: shortens long runs of blank and
 * comment-only lines, and counts the document's structure to bound what parsing it costs.
 *
 * <p>Why compact: tomlj's error-recovery strategy runs at every line of such a run and looks ahead over
 * the whole rest of the run, and each look-ahead step itself walks the token buffer, so a run of
 * n trivia lines costs about n³ steps: 2,000 blank or comment lines in a row take minutes with
 * the CLI's C1-only JIT. Everything else in tomlj is linear.
 *
 * <p>What: a trivia line is a whole line, outside any multi-line string, made only of spaces and
 * tabs, optionally followed by a comment whose characters tomlj accepts (tab, U+0020-U+007E,
 * anything from U+0080), and ended by LF or CRLF. Such lines are empty expressions at the top
 * level and ignorable whitespace inside arrays, so TOML gives them no meaning; every run of more
 * than two of them keeps its first and last line and drops the rest. Lines are dropped whole, so
 * every kept line keeps its columns, and {@link #originalLine} maps line numbers back.
 *
 * <p>Why count: tomlj's time and memory grow with the number of tokens, about 1 KB of heap and
 * 2 µs (C1 JIT) each, not with bytes: a 1 MiB file of long strings is cheap, one of {@code 1,}
 * array items is not. {@link #structureCount()} counts the {@code =}, {@code ,}, {@code .} and
 * {@code [} outside strings and comments: every key, table header and array item adds at least
 * one, every token at most a few.
 *
 * <p>The scan is lexical: it tracks basic, literal and multi-line strings and comments, exactly
 * where valid TOML puts them. It is not a second parser: the compacted text is still parsed by
 * tomlj, and {@code TomlReaderDifferentialTest} checks that both texts give the same result.
 * Anything the scan is unsure of (another control character, a lone CR, a BOM) is kept.
 *
 * <p>Immutable.
 */
final class TomlPrescan {

    /** Longer runs are compacted; two lines keep the shape (blank or comment at both ends). */
    private static final int KEPT_PER_RUN = 2;

    private final String text;
    /** 1-based original line of each line of {@link #text}, indexed by its 0-based line. */
    private final int[] originalLines;
    /** Sum of the cubes of the original runs' lengths: tomlj's cost on the original text. */
    private final long originalCost;

    private final boolean compacted;
    private final int structureCount;

    private TomlPrescan(String text, int[] originalLines, long originalCost, boolean compacted, int structureCount) {
        this.text = text;
        this.originalLines = originalLines;
        this.originalCost = originalCost;
        this.compacted = compacted;
        this.structureCount = structureCount;
    }

    /** Scans {@code source} and compacts its long trivia runs; linear in its length. */
    static TomlPrescan scan(String source) {
        int lineCount = 1;
        for (int i = 0; i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                lineCount++;
            }
        }
        boolean[] trivia = new boolean[lineCount];
        int[] starts = new int[lineCount + 1];
        Lexer lexer = new Lexer(source);
        int start = 0;
        for (int line = 0; line < lineCount; line++) {
            int end = source.indexOf('\n', start);
            boolean terminated = end >= 0;
            end = terminated ? end : source.length();
            starts[line] = start;
            // The last line has no line break of its own; it is always kept.
            trivia[line] = terminated && lexer.atTopOfLine() && isTriviaLine(source, start, end);
            if (!trivia[line]) {
                lexer.scanLine(start, end);
            }
            start = end + 1;
        }
        starts[lineCount] = source.length() + 1;
        return build(source, trivia, starts, lexer.structureCount);
    }

    private static TomlPrescan build(String source, boolean[] trivia, int[] starts, int structureCount) {
        int lineCount = trivia.length;
        StringBuilder out = null;
        int[] kept = new int[lineCount];
        int keptCount = 0;
        long cost = 0;
        int copiedUpTo = 0;
        int line = 0;
        while (line < lineCount) {
            if (!trivia[line]) {
                kept[keptCount++] = line + 1;
                line++;
                continue;
            }
            int runStart = line;
            while (line < lineCount && trivia[line]) {
                line++;
            }
            int runLength = line - runStart;
            cost += (long) runLength * runLength * runLength;
            if (runLength <= KEPT_PER_RUN) {
                for (int l = runStart; l < line; l++) {
                    kept[keptCount++] = l + 1;
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(source.length());
            }
            // Keep the run's first line, drop the middle, keep its last line.
            out.append(source, copiedUpTo, starts[runStart + 1]);
            copiedUpTo = starts[line - 1];
            kept[keptCount++] = runStart + 1;
            kept[keptCount++] = line;
        }
        if (out == null) {
            return new TomlPrescan(source, kept, cost, false, structureCount);
        }
        out.append(source, copiedUpTo, source.length());
        return new TomlPrescan(out.toString(), Arrays.copyOf(kept, keptCount), cost, true, structureCount);
    }

    /** The text to parse: the source with long trivia runs shortened. */
    String text() {
        return text;
    }

    /** Whether {@link #text} differs from the source. */
    boolean compacted() {
        return compacted;
    }

    /**
     * tomlj's trivia cost on the source, in units of one look-ahead step: the sum over its runs of
     * blank and comment lines of the cube of their length.
     */
    long originalCost() {
        return originalCost;
    }

    /** The number of {@code = , . [} outside strings and comments (see the class comment). */
    int structureCount() {
        return structureCount;
    }

    /** Maps a 1-based line of {@link #text} to the source's line; 0 and unknown lines stay as is. */
    int originalLine(int line) {
        return line >= 1 && line <= originalLines.length ? originalLines[line - 1] : line;
    }

    /** A blank or comment-only line that tomlj is sure to accept; see the class comment. */
    private static boolean isTriviaLine(String s, int start, int end) {
        int i = start;
        while (i < end && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        int contentEnd = end > i && s.charAt(end - 1) == '\r' ? end - 1 : end;
        if (i == contentEnd) {
            return true;
        }
        if (s.charAt(i) != '#') {
            return false;
        }
        for (i++; i < contentEnd; i++) {
            char c = s.charAt(i);
            if (c == '\t' || (c >= 0x20 && c < 0x7F)) {
                continue;
            }
            if (c < 0x80) {
                return false; // other control characters are errors in comments
            }
            if (Character.isHighSurrogate(c) && i + 1 < contentEnd && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Follows strings and comments line by line, only to know whether a line starts inside a
     * multi-line string. On invalid TOML it may be wrong, which is harmless: tomlj then reports an
     * error for the compacted text too, and the caller falls back to the source.
     */
    private static final class Lexer {
        private static final int TOP = 0;
        private static final int MULTI_LINE_BASIC = 1;
        private static final int MULTI_LINE_LITERAL = 2;

        private final String s;
        private int state = TOP;
        int structureCount;

        Lexer(String s) {
            this.s = s;
        }

        boolean atTopOfLine() {
            return state == TOP;
        }

        /** Scans {@code [start, end)}, one line without its LF, updating the multi-line state. */
        void scanLine(int start, int end) {
            int i = start;
            while (i < end) {
                if (state == MULTI_LINE_BASIC) {
                    i = closeMultiLine(i, end, '"', true);
                } else if (state == MULTI_LINE_LITERAL) {
                    i = closeMultiLine(i, end, '\'', false);
                } else {
                    char c = s.charAt(i);
                    if (c == '#') {
                        return; // a comment runs to the end of the line
                    } else if (c == '"' && s.startsWith("\"\"\"", i)) {
                        state = MULTI_LINE_BASIC;
                        i += 3;
                    } else if (c == '\'' && s.startsWith("'''", i)) {
                        state = MULTI_LINE_LITERAL;
                        i += 3;
                    } else if (c == '"') {
                        i = closeSingleLine(i + 1, end, '"', true);
                    } else if (c == '\'') {
                        i = closeSingleLine(i + 1, end, '\'', false);
                    } else {
                        if (c == '=' || c == ',' || c == '.' || c == '[') {
                            structureCount++;
                        }
                        i++;
                    }
                }
            }
        }

        /** Returns the index after the closing quote, or {@code end} if the string is unclosed. */
        private int closeSingleLine(int i, int end, char quote, boolean escapes) {
            while (i < end) {
                char c = s.charAt(i);
                if (escapes && c == '\\') {
                    i += 2;
                } else if (c == quote) {
                    return i + 1;
                } else {
                    i++;
                }
            }
            return end;
        }

        /**
         * Looks for the closing triple quote from {@code i}; returns the index after it (and after up
         * to two more quotes, which TOML counts as content), or {@code end} if still open.
         */
        private int closeMultiLine(int i, int end, char quote, boolean escapes) {
            while (i < end) {
                char c = s.charAt(i);
                if (escapes && c == '\\') {
                    i += 2; // also skips a line-ending backslash's line break, if any
                } else if (c == quote && i + 2 < end && s.charAt(i + 1) == quote && s.charAt(i + 2) == quote) {
                    i += 3;
                    for (int extra = 0; extra < 2 && i < end && s.charAt(i) == quote; extra++) {
                        i++;
                    }
                    state = TOP;
                    return i;
                } else {
                    i++;
                }
            }
            return end;
        }
    }
}
