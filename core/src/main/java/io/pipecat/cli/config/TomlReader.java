package io.pipecat.cli.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;
import org.tomlj.TomlVersion;

/**
 * Adapts tomlj to plain, mutable Java collections. All tomlj types stay inside this class so the
 * rest of the package deals only with {@code Map}/{@code List}/scalars.
 */
final class TomlReader {

  /**
   * TOML 1.0, not tomlj's default 1.1: the official Python CLI cannot read 1.1-only syntax, so a
   * file using it must be reported as broken rather than silently accepted and later rewritten.
   */
  static final TomlVersion VERSION = TomlVersion.V1_0_0;

  /** A quoted fragment in a tomlj error message, e.g. {@code Unexpected 'eyJhbGci'}. */
  private static final Pattern QUOTED = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");

  /** Fragments that cannot leak a secret: one punctuation char, or a one-char escape. */
  private static final Pattern HARMLESS =
      Pattern.compile("[^\\p{Alnum}]|\\\\[^u]|\\\\u[0-9a-fA-F]{4}");

  private TomlReader() {}

  /** Parsed document plus the 1-based line of each top-level key (for error messages). */
  record Parsed(LinkedHashMap<String, Object> root, Map<String, Integer> topLevelLines) {}

  static Parsed parse(String text) throws TomlParseException {
    TomlParseResult result = Toml.parse(text, VERSION);
    if (result.hasErrors()) {
      TomlParseError first = result.errors().get(0);
      TomlPosition pos = first.position();
      throw new TomlParseException(pos == null ? 0 : pos.line(), sanitize(first.getMessage()));
    }
    Map<String, Integer> lines = new LinkedHashMap<>();
    for (String key : result.keySet()) {
      TomlPosition pos = result.inputPositionOf(List.of(key));
      lines.put(key, pos == null ? 0 : pos.line());
    }
    return new Parsed(toMap(result), lines);
  }

  /**
   * tomlj echoes offending input in quotes ({@code Unexpected 'eyJhbGci...'}), which could be part
   * of a token; keep only fragments too short to carry a secret.
   */
  static String sanitize(String message) {
    String oneLine = message == null ? "syntax error" : message.replaceAll("[\\r\\n\\t]+", " ");
    Matcher m = QUOTED.matcher(oneLine);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String fragment = m.group(1);
      String replacement = HARMLESS.matcher(fragment).matches() ? m.group() : "<text hidden>";
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString().strip();
  }

  static LinkedHashMap<String, Object> toMap(TomlTable table) {
    LinkedHashMap<String, Object> map = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : table.entrySet()) {
      map.put(e.getKey(), convert(e.getValue()));
    }
    return map;
  }

  private static List<Object> toList(TomlArray array) {
    List<Object> list = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      list.add(convert(array.get(i)));
    }
    return list;
  }

  private static Object convert(Object value) {
    if (value instanceof TomlTable) {
      return toMap((TomlTable) value);
    }
    if (value instanceof TomlArray) {
      return toList((TomlArray) value);
    }
    return value; // String, Long, Double, Boolean, java.time types: already immutable
  }
}
