package io.pipecat.cli.config;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Classifies document values into TOML types; shared by the writer, validator and document. */
final class TomlValues {

    private TomlValues() {}

    static boolean isInteger(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
    }

    static boolean isFloat(Object v) {
        return v instanceof Double || v instanceof Float;
    }

    static boolean isNumber(Object v) {
        return isInteger(v) || isFloat(v);
    }

    /** TOML type name for messages; describes the type only, never the value. */
    static String typeName(Object v) {
        if (v == null) {
            return "null";
        } else if (v instanceof String) {
            return "string";
        } else if (isInteger(v)) {
            return "integer";
        } else if (isFloat(v)) {
            return "float";
        } else if (v instanceof Boolean) {
            return "boolean";
        } else if (v instanceof OffsetDateTime) {
            return "offset date-time";
        } else if (v instanceof LocalDateTime) {
            return "local date-time";
        } else if (v instanceof LocalDate) {
            return "local date";
        } else if (v instanceof LocalTime) {
            return "local time";
        } else if (v instanceof List) {
            return "array";
        } else if (v instanceof Map) {
            return "table";
        }
        return v.getClass().getName();
    }

    /** An array written as {@code [[name]]} sections: non-empty and made only of tables. */
    static boolean isArrayOfTables(Object v) {
        if (!(v instanceof List) || ((List<?>) v).isEmpty()) {
            return false;
        }
        for (Object item : (List<?>) v) {
            if (!(item instanceof Map)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code parsed} (a tree as tomlj reads it back) holds the same values as {@code
     * written} (a document tree, which may use {@code Integer} or {@code Float}): the same as
     * {@code normalise(written).equals(parsed)}, without copying the tree.
     */
    static boolean sameAsParsed(Object written, Object parsed) {
        if (isInteger(written)) {
            return parsed instanceof Long && ((Number) written).longValue() == (Long) parsed;
        } else if (isFloat(written)) {
            return parsed instanceof Double
                    && Double.valueOf(((Number) written).doubleValue()).equals(parsed);
        } else if (written instanceof Map) {
            if (!(parsed instanceof Map) || ((Map<?, ?>) written).size() != ((Map<?, ?>) parsed).size()) {
                return false;
            }
            Map<?, ?> other = (Map<?, ?>) parsed;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) written).entrySet()) {
                Object value = other.get(e.getKey());
                if (value == null || !sameAsParsed(e.getValue(), value)) {
                    return false;
                }
            }
            return true;
        } else if (written instanceof List) {
            if (!(parsed instanceof List) || ((List<?>) written).size() != ((List<?>) parsed).size()) {
                return false;
            }
            Iterator<?> other = ((List<?>) parsed).iterator();
            for (Object item : (List<?>) written) {
                if (!sameAsParsed(item, other.next())) {
                    return false;
                }
            }
            return true;
        }
        return written != null && written.equals(parsed);
    }
}
