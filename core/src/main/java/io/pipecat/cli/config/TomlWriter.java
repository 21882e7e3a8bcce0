package io.pipecat.cli.config;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.tomlj.TomlParseOptions;

/**
 * Serialises a document tree as TOML 1.0 in the plain shape the official CLI's Python {@code toml}
 * library produces: a table's plain values first, then its sub-tables as {@code [a.b]} sections
 * and arrays of tables as {@code [[a.b]]} sections. Tables that sit inside ordinary arrays are
 * written inline ({@code {k = v}}), since sections cannot express them.
 *
 * <p>Stateless and thread-safe.
 */
final class TomlWriter {

    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    /**
     * Guards against cycles. Deeper than anything tomlj reads (128 levels of tables and arrays,
     * plus the leaf key), so every document read from a file can be written back; output that tomlj
     * would refuse is caught by the caller's read-back check.
     */
    private static final int MAX_DEPTH = TomlParseOptions.DEFAULT_MAX_NESTING_DEPTH + 8;

    private final StringBuilder out = new StringBuilder();

    private TomlWriter() {}

    /**
     * @throws IllegalArgumentException if a value cannot be written; the message names the key path
     *     and the Java type, never the value
     */
    static String write(Map<String, Object> root) {
        TomlWriter writer = new TomlWriter();
        writer.writeTableBody(new ArrayList<>(), root);
        return writer.out.toString();
    }

    private void writeTableBody(List<String> path, Map<?, ?> table) {
        checkDepth(path);
        for (Map.Entry<?, ?> e : table.entrySet()) {
            Object value = e.getValue();
            if (!(value instanceof Map) && !TomlValues.isArrayOfTables(value)) {
                String key = keyOf(path, e.getKey());
                out.append(key(key)).append(" = ");
                writeInlineValue(child(path, key), value);
                out.append('\n');
            }
        }
        for (Map.Entry<?, ?> e : table.entrySet()) {
            String key = keyOf(path, e.getKey());
            List<String> childPath = child(path, key);
            Object value = e.getValue();
            if (value instanceof Map) {
                Map<?, ?> sub = (Map<?, ?>) value;
                // A table holding only sub-tables is implied by their headers; skip its own header.
                if (sub.isEmpty() || hasPlainValues(sub)) {
                    separateSection();
                    out.append('[').append(dotted(childPath)).append("]\n");
                }
                writeTableBody(childPath, sub);
            } else if (TomlValues.isArrayOfTables(value)) {
                for (Object element : (List<?>) value) {
                    separateSection();
                    out.append("[[").append(dotted(childPath)).append("]]\n");
                    writeTableBody(childPath, (Map<?, ?>) element);
                }
            }
        }
    }

    private static boolean hasPlainValues(Map<?, ?> table) {
        for (Object v : table.values()) {
            if (!(v instanceof Map) && !TomlValues.isArrayOfTables(v)) {
                return true;
            }
        }
        return false;
    }

    private void separateSection() {
        if (out.length() > 0) {
            out.append('\n');
        }
    }

    private void writeInlineValue(List<String> path, Object value) {
        checkDepth(path);
        if (value instanceof String) {
            appendString(path, (String) value);
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (TomlValues.isInteger(value)) {
            out.append(((Number) value).longValue());
        } else if (TomlValues.isFloat(value)) {
            out.append(TomlFloats.format(((Number) value).doubleValue()));
        } else if (value instanceof OffsetDateTime) {
            OffsetDateTime odt = (OffsetDateTime) value;
            out.append(date(path, odt.toLocalDate())).append('T').append(time(odt.toLocalTime()));
            out.append(offset(path, odt.getOffset()));
        } else if (value instanceof LocalDateTime) {
            LocalDateTime ldt = (LocalDateTime) value;
            out.append(date(path, ldt.toLocalDate())).append('T').append(time(ldt.toLocalTime()));
        } else if (value instanceof LocalDate) {
            out.append(date(path, (LocalDate) value));
        } else if (value instanceof LocalTime) {
            out.append(time((LocalTime) value));
        } else if (value instanceof List) {
            out.append('[');
            int i = 0;
            for (Object item : (List<?>) value) {
                out.append(i == 0 ? "" : ", ");
                writeInlineValue(child(path, "[" + i + "]"), item);
                i++;
            }
            out.append(']');
        } else if (value instanceof Map) {
            out.append('{');
            int i = 0;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                String key = keyOf(path, e.getKey());
                out.append(i == 0 ? " " : ", ").append(key(key)).append(" = ");
                writeInlineValue(child(path, key), e.getValue());
                i++;
            }
            out.append(i == 0 ? "}" : " }");
        } else {
            throw unsupported(path, TomlValues.typeName(value) + " values are not supported");
        }
    }

    private void appendString(List<String> path, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                default:
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    } else if (Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        // Cannot be encoded as UTF-8 nor escaped in TOML (\\uD800 is not a scalar value).
                        throw unsupported(path, "string contains an unpaired surrogate");
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    private String key(String key) {
        if (BARE_KEY.matcher(key).matches()) {
            return key;
        }
        int start = out.length();
        appendString(List.of("<key>"), key);
        String quoted = out.substring(start);
        out.setLength(start);
        return quoted;
    }

    private String dotted(List<String> path) {
        StringBuilder sb = new StringBuilder();
        for (String segment : path) {
            sb.append(sb.length() == 0 ? "" : ".").append(key(segment));
        }
        return sb.toString();
    }

    private static String date(List<String> path, LocalDate d) {
        if (d.getYear() < 0 || d.getYear() > 9999) {
            throw unsupported(path, "TOML dates need a year between 0000 and 9999");
        }
        return String.format(Locale.ROOT, "%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    private static String time(LocalTime t) {
        String hms = String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        if (t.getNano() == 0) {
            return hms;
        }
        String nanos = String.format(Locale.ROOT, "%09d", t.getNano()).replaceAll("0+$", "");
        return hms + "." + nanos;
    }

    private static String offset(List<String> path, ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        if (seconds == 0) {
            return "Z";
        }
        if (seconds % 60 != 0) {
            throw unsupported(path, "TOML offsets cannot have seconds");
        }
        return offset.getId();
    }

    private static String keyOf(List<String> path, Object key) {
        if (!(key instanceof String)) {
            throw unsupported(path, "keys must be non-null strings");
        }
        return (String) key;
    }

    private static List<String> child(List<String> path, String key) {
        List<String> child = new ArrayList<>(path);
        child.add(key);
        return child;
    }

    private static void checkDepth(List<String> path) {
        if (path.size() > MAX_DEPTH) {
            throw unsupported(path.subList(0, 3), "nesting deeper than " + MAX_DEPTH + " (a cycle?)");
        }
    }

    private static IllegalArgumentException unsupported(List<String> path, String why) {
        return new IllegalArgumentException("Cannot write TOML value at '" + String.join(".", path) + "': " + why);
    }
}
