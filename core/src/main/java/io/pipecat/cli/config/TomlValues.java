package io.pipecat.cli.config;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
   * Deep copy with the types a parse would produce ({@code Integer} to {@code Long}, {@code Float}
   * to {@code Double}), so a document can be compared with its re-parsed serialisation.
   */
  static Object normalise(Object v) {
    if (isInteger(v)) {
      return ((Number) v).longValue();
    } else if (isFloat(v)) {
      return ((Number) v).doubleValue();
    } else if (v instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, item) -> copy.put((String) k, normalise(item)));
      return copy;
    } else if (v instanceof List) {
      List<Object> copy = new ArrayList<>();
      for (Object item : (List<?>) v) {
        copy.add(normalise(item));
      }
      return copy;
    }
    return v;
  }
}
