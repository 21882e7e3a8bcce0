package io.pipecat.cli.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A mutable, insertion-ordered TOML document held as plain Java collections.
 *
 * <p>Values are {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code
 * OffsetDateTime}, {@code LocalDateTime}, {@code LocalDate}, {@code LocalTime}, {@code
 * List<Object>} (arrays; an array of tables is a {@code List} of {@code Map}s) and {@code
 * Map<String, Object>} (tables, {@code LinkedHashMap}). {@code Integer}, {@code Short}, {@code
 * Byte} and {@code Float} are accepted when writing and treated as integer/float. {@code null} is
 * never a valid value.
 *
 * <p>Comments and formatting of parsed text are not kept; values, their types and key order are.
 *
 * <p>Not thread-safe: confine an instance to one thread or synchronise externally.
 */
public final class TomlDocument {

    private final LinkedHashMap<String, Object> root;
    /** Line of each top-level key in the parsed text; only used to point at problems. */
    private final Map<String, Integer> topLevelLines;

    private TomlDocument(LinkedHashMap<String, Object> root, Map<String, Integer> topLevelLines) {
        this.root = root;
        this.topLevelLines = topLevelLines;
    }

    /** Returns a new document without any keys. Never {@code null}. */
    public static TomlDocument empty() {
        return new TomlDocument(new LinkedHashMap<>(), Map.of());
    }

    /**
     * Parses TOML 1.0 text with tomlj.
     *
     * @param text the document; must not be {@code null}
     * @return a new, mutable document
     * @throws TomlParseException if the text is not valid TOML 1.0 (line number and a message that
     *     does not quote values from the text), or is too large to parse cheaply: over 65,536 keys,
     *     table headers and array items together
     */
    public static TomlDocument parse(String text) throws TomlParseException {
        Objects.requireNonNull(text, "text");
        TomlReader.Parsed parsed = TomlReader.parse(text);
        return new TomlDocument(parsed.root(), Collections.unmodifiableMap(parsed.topLevelLines()));
    }

    /**
     * Returns the live top-level table: changes to it change this document. Ordered by insertion.
     * Never {@code null}.
     */
    public Map<String, Object> root() {
        return root;
    }

    /**
     * Returns the top-level value {@code key} if it is a string, otherwise empty (absent or another
     * type).
     */
    public Optional<String> getString(String key) {
        Object value = root.get(key);
        return value instanceof String ? Optional.of((String) value) : Optional.empty();
    }

    /**
     * Returns the top-level value {@code key} as a double if it is an integer or a float, otherwise
     * empty.
     */
    public OptionalDouble getNumber(String key) {
        Object value = root.get(key);
        return TomlValues.isNumber(value) ? OptionalDouble.of(((Number) value).doubleValue()) : OptionalDouble.empty();
    }

    /**
     * Returns the live top-level table {@code name}, or {@code null} if it is absent or not a table.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> table(String name) {
        Object value = root.get(name);
        return value instanceof Map ? (Map<String, Object>) value : null;
    }

    /**
     * Returns the live top-level table {@code name}, appending an empty one if absent. Never {@code
     * null}.
     *
     * @throws IllegalStateException if {@code name} holds a value that is not a table
     */
    public Map<String, Object> tableOrCreate(String name) {
        Object value = root.get(name);
        if (value == null) {
            Map<String, Object> created = new LinkedHashMap<>();
            root.put(name, created);
            return created;
        }
        Map<String, Object> existing = table(name);
        if (existing == null) {
            throw new IllegalStateException(
                    "Top-level key '" + name + "' holds a " + TomlValues.typeName(value) + ", not a table");
        }
        return existing;
    }

    /**
     * Serialises the document as TOML 1.0 (see {@link TomlWriter} for the layout).
     *
     * @throws IllegalArgumentException if a value cannot be expressed in TOML (null, unsupported
     *     type, unpaired surrogate, year outside 0000-9999, offset with seconds)
     */
    public String toToml() {
        return TomlWriter.write(root);
    }

    /** Line of a top-level key in the text this document was parsed from; 0 if unknown. */
    int lineOf(String key) {
        return topLevelLines.getOrDefault(key, 0);
    }

    /** Deep copy of the values (line information is dropped). */
    TomlDocument copy() {
        return new TomlDocument(copyMap(root), Map.of());
    }

    /** Lists key names only: values may be secrets and {@code toString()} ends up in logs. */
    @Override
    public String toString() {
        return "TomlDocument" + root.keySet();
    }

    private static LinkedHashMap<String, Object> copyMap(Map<?, ?> map) {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put((String) k, copyValue(v)));
        return copy;
    }

    private static Object copyValue(Object value) {
        if (value instanceof Map) {
            return copyMap((Map<?, ?>) value);
        }
        if (value instanceof List) {
            List<Object> list = new ArrayList<>();
            for (Object item : (List<?>) value) {
                list.add(copyValue(item));
            }
            return list;
        }
        return value;
    }
}
