package io.pipecat.cli.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the plain shape every credentials file has — {@code key = value} lines, {@code [org]}
 * headers, comments and blank lines — without loading tomlj, which costs about 20 ms of class
 * loading and set-up per start and ~70 µs per organisation table.
 *
 * <p>It is not a second grammar: it accepts only a strict subset of TOML 1.0 and returns
 * {@code null} for anything else, and the caller then parses with tomlj, the grammar of record.
 * Anything doubtful is refused: dotted or quoted keys, arrays, inline tables, dates, multi-line
 * strings, numbers with underscores, exponents, a leading zero or out of range, {@code \U} and
 * surrogate escapes, any control character, any surrogate, a lone CR, a BOM, and every
 * duplicate key or table. So every error message still comes from tomlj. {@code
 * TomlFastPathDifferentialTest} checks on generated documents that whatever this accepts, tomlj
 * accepts with the same values, types, key order and key lines.
 *
 * <p>Accepted: bare keys ({@code A-Za-z0-9_-}); values that are basic strings (with the escapes
 * {@code \b \t \n \f \r \" \\ \\uXXXX}), literal strings, decimal integers, decimal floats with a
 * fraction and no exponent, {@code true} and {@code false}; spaces and tabs around them; a comment
 * after them; LF or CRLF line ends.
 *
 * <p>Stateless.
 */
final class TomlFastPath {

    private TomlFastPath() {}

    /**
     * @return the parsed document, or {@code null} when {@code text} is outside the subset (then
     *     tomlj must parse it)
     */
    static TomlReader.Parsed parse(String text) {
        return new Scan(text).document();
    }

    /** One pass over one text; every method returns -1 (or null) where the subset ends. */
    private static final class Scan {
        private final String s;
        /** The value parsed by {@link #value}. */
        private Object value;

        Scan(String s) {
            this.s = s;
        }

        TomlReader.Parsed document() {
            LinkedHashMap<String, Object> root = new LinkedHashMap<>();
            Map<String, Integer> lines = new LinkedHashMap<>();
            LinkedHashMap<String, Object> table = root;
            // Counted as TomlPrescan counts: one per header and key, one more per float's dot.
            int structure = 0;
            int n = s.length();
            int start = 0;
            for (int line = 1; ; line++) {
                int lf = s.indexOf('\n', start);
                int end = lf < 0 ? n : lf;
                if (lf >= 0 && end > start && s.charAt(end - 1) == '\r') {
                    end--; // CRLF; a CR anywhere else is refused below
                }
                int i = spaces(start, end);
                if (i < end) {
                    char c = s.charAt(i);
                    if (c == '#') {
                        if (!comment(i + 1, end)) {
                            return null;
                        }
                    } else if (c == '[') {
                        int keyEnd = bareKey(i + 1, end);
                        if (keyEnd < 0 || keyEnd >= end || s.charAt(keyEnd) != ']' || !lineEnd(keyEnd + 1, end)) {
                            return null;
                        }
                        String name = s.substring(i + 1, keyEnd);
                        if (root.containsKey(name)) {
                            return null;
                        }
                        table = new LinkedHashMap<>();
                        root.put(name, table);
                        lines.put(name, line);
                        structure++;
                    } else {
                        int keyEnd = bareKey(i, end);
                        if (keyEnd < 0) {
                            return null;
                        }
                        int j = spaces(keyEnd, end);
                        if (j >= end || s.charAt(j) != '=') {
                            return null;
                        }
                        int valueEnd = value(spaces(j + 1, end), end);
                        if (valueEnd < 0 || !lineEnd(valueEnd, end)) {
                            return null;
                        }
                        String key = s.substring(i, keyEnd);
                        if (table.containsKey(key)) {
                            return null;
                        }
                        table.put(key, value);
                        if (table == root) {
                            lines.put(key, line);
                        }
                        structure += value instanceof Double ? 2 : 1;
                    }
                }
                if (lf < 0) {
                    break;
                }
                start = lf + 1;
            }
            // Past the limit tomlj's path refuses the file with its own message.
            return structure > TomlReader.MAX_STRUCTURE ? null : new TomlReader.Parsed(root, lines);
        }

        private int spaces(int i, int end) {
            while (i < end && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            return i;
        }

        /** @return the end of a non-empty bare key at {@code i}, or -1 */
        private int bareKey(int i, int end) {
            int from = i;
            while (i < end) {
                char c = s.charAt(i);
                if ((c >= 'a' && c <= 'z')
                        || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9')
                        || c == '_'
                        || c == '-') {
                    i++;
                } else {
                    break;
                }
            }
            return i > from ? i : -1;
        }

        /** Whether only spaces and an optional comment follow {@code i}. */
        private boolean lineEnd(int i, int end) {
            i = spaces(i, end);
            return i == end || (s.charAt(i) == '#' && comment(i + 1, end));
        }

        /** Whether {@code [i, end)} holds only characters a comment may hold (no surrogates here). */
        private boolean comment(int i, int end) {
            for (; i < end; i++) {
                char c = s.charAt(i);
                if (!(c == '\t' || (c >= 0x20 && c < 0x7F) || (c >= 0x80 && !Character.isSurrogate(c)))) {
                    return false;
                }
            }
            return true;
        }

        /** Parses a value at {@code i} into {@link #value}; @return its end, or -1 */
        private int value(int i, int end) {
            if (i >= end) {
                return -1;
            }
            char c = s.charAt(i);
            if (c == '"') {
                return basicString(i + 1, end);
            }
            if (c == '\'') {
                return literalString(i + 1, end);
            }
            if (s.startsWith("true", i) && terminated(i + 4, end)) {
                value = Boolean.TRUE;
                return i + 4;
            }
            if (s.startsWith("false", i) && terminated(i + 5, end)) {
                value = Boolean.FALSE;
                return i + 5;
            }
            return number(i, end);
        }

        /** Whether a bare value ends at {@code i}: the line ends, or a space or comment follows. */
        private boolean terminated(int i, int end) {
            return i == end || s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '#';
        }

        private int number(int i, int end) {
            int from = i;
            if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int digits = digits(i, end);
            if (digits == i || (s.charAt(i) == '0' && digits > i + 1)) {
                return -1; // no digits, or a leading zero
            }
            boolean fraction = digits < end && s.charAt(digits) == '.';
            int stop = fraction ? digits(digits + 1, end) : digits;
            if ((fraction && stop == digits + 1) || !terminated(stop, end)) {
                return -1; // "1." or more after the number: an exponent, underscore, date, time…
            }
            String literal = s.substring(from, stop);
            if (fraction) {
                value = Double.valueOf(literal);
            } else {
                try {
                    value = Long.valueOf(literal);
                } catch (NumberFormatException outOfRange) {
                    return -1;
                }
            }
            return stop;
        }

        private int digits(int i, int end) {
            while (i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            return i;
        }

        private int literalString(int i, int end) {
            int from = i;
            for (; i < end; i++) {
                char c = s.charAt(i);
                if (c == '\'') {
                    value = s.substring(from, i);
                    return i + 1;
                }
                if (!(c == '\t' || (c >= 0x20 && c < 0x7F) || (c >= 0x80 && !Character.isSurrogate(c)))) {
                    return -1;
                }
            }
            return -1;
        }

        private int basicString(int i, int end) {
            StringBuilder out = null;
            int from = i;
            for (; i < end; i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    value = out == null
                            ? s.substring(from, i)
                            : out.append(s, from, i).toString();
                    return i + 1;
                }
                if (c == '\\') {
                    if (out == null) {
                        out = new StringBuilder();
                    }
                    out.append(s, from, i);
                    if (i + 1 >= end) {
                        return -1;
                    }
                    char e = s.charAt(++i);
                    switch (e) {
                        case 'b' -> out.append('\b');
                        case 't' -> out.append('\t');
                        case 'n' -> out.append('\n');
                        case 'f' -> out.append('\f');
                        case 'r' -> out.append('\r');
                        case '"' -> out.append('"');
                        case '\\' -> out.append('\\');
                        case 'u' -> {
                            int code = hex4(i + 1, end);
                            if (code < 0 || Character.isSurrogate((char) code)) {
                                return -1;
                            }
                            out.append((char) code);
                            i += 4;
                        }
                        default -> {
                            return -1;
                        }
                    }
                    from = i + 1;
                } else if (!(c == '\t' || (c >= 0x20 && c < 0x7F) || (c >= 0x80 && !Character.isSurrogate(c)))) {
                    return -1;
                }
            }
            return -1;
        }

        private int hex4(int i, int end) {
            if (i + 4 > end) {
                return -1;
            }
            int code = 0;
            for (int k = i; k < i + 4; k++) {
                char c = s.charAt(k);
                int d = c >= '0' && c <= '9'
                        ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0) {
                    return -1; // Character.digit would also take non-ASCII digits
                }
                code = code * 16 + d;
            }
            return code;
        }
    }
}
