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
import org.tomlj.TomlParseOptions;
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

    /**
     * Without the source text kept for tomlj's source-preserving writer, which is never used here:
     * same grammar, same checks and messages, but much less garbage per parse.
     */
    private static final TomlParseOptions OPTIONS =
            TomlParseOptions.sourceless().withVersion(VERSION);

    /** A quoted fragment in a tomlj error message, e.g. {@code Unexpected 'eyJhbGci'}. */
    private static final Pattern QUOTED = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");

    /** Fragments that cannot leak a secret: one punctuation char, or a one-char escape. */
    private static final Pattern HARMLESS = Pattern.compile("[^\\p{Alnum}]|\\\\[^u]|\\\\u[0-9a-fA-F]{4}");

    private TomlReader() {}

    /** Parsed document plus the 1-based line of each top-level key (for error messages). */
    record Parsed(LinkedHashMap<String, Object> root, Map<String, Integer> topLevelLines) {}

    /**
     * Above this {@link TomlPrescan#originalCost()}, tomlj needs more than about 50 ms (C1 JIT)
     * to re-parse a malformed source just to word its error; runs up to ~200 lines stay below.
     */
    static final long EXACT_ERROR_COST_LIMIT = 200L * 200 * 200;

    /** A line reference inside a tomlj message, e.g. {@code previously defined at line 3}. */
    private static final Pattern LINE_REFERENCE = Pattern.compile("\\bat line (\\d{1,9}), column");

    /**
     * Most {@link TomlPrescan#structureCount()} parsed: keys, table headers and array items
     * together. A real config has a handful; this allows tens of thousands of organizations while
     * bounding tomlj's work, which grows with tokens rather than bytes (about 1 KB of heap each
     * while parsing): at the limit, the densest file is read and rewritten within a 192 MiB heap.
     */
    static final int MAX_STRUCTURE = 65_536;

    static Parsed parse(String text) throws TomlParseException {
        return parse(text, EXACT_ERROR_COST_LIMIT);
    }

    /**
     * Parses the plain shape of a credentials file with {@link TomlFastPath} (whose results tomlj
     * would give too), anything else with tomlj after {@link TomlPrescan} has shortened long runs of blank and comment
     * lines, which tomlj handles in cubic time but which carry no meaning.
     *
     * <p>A document tomlj accepts in compacted form is returned as parsed, with line numbers mapped
     * back. A malformed one is re-parsed unchanged, so its error is worded by tomlj for the text the
     * user wrote, unless that would cost more than {@code exactErrorCostLimit}; then the compacted
     * text's error is reported with its line numbers mapped back to the source.
     */
    static Parsed parse(String text, long exactErrorCostLimit) throws TomlParseException {
        Parsed plain = TomlFastPath.parse(text);
        if (plain != null) {
            return plain;
        }
        return parseWithTomlj(text, exactErrorCostLimit);
    }

    /** {@link #parse(String, long)} without {@link TomlFastPath}: tomlj reads every document. */
    static Parsed parseWithTomlj(String text, long exactErrorCostLimit) throws TomlParseException {
        TomlPrescan prescan = TomlPrescan.scan(text);
        if (prescan.structureCount() > MAX_STRUCTURE) {
            throw TomlParseException.tooLarge("over " + MAX_STRUCTURE + " keys, table headers and array items");
        }
        TomlParseResult result = Toml.parse(prescan.text(), OPTIONS);
        if (result.hasErrors()) {
            if (!prescan.compacted()) {
                throw firstError(result, null);
            }
            if (prescan.originalCost() <= exactErrorCostLimit) {
                throw firstError(Toml.parse(text, OPTIONS), null);
            }
            throw firstError(result, prescan);
        }
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (String key : result.keySet()) {
            TomlPosition pos = result.inputPositionOf(List.of(key));
            lines.put(key, pos == null ? 0 : prescan.originalLine(pos.line()));
        }
        return new Parsed(toMap(result), lines);
    }

    /** The first error; with {@code prescan}, its lines are mapped from the compacted text. */
    private static TomlParseException firstError(TomlParseResult result, TomlPrescan prescan) {
        TomlParseError first = result.errors().get(0);
        TomlPosition pos = first.position();
        int line = pos == null ? 0 : pos.line();
        String message = first.getMessage();
        if (prescan != null) {
            line = prescan.originalLine(line);
            message = message == null
                    ? null
                    : LINE_REFERENCE
                            .matcher(message)
                            .replaceAll(
                                    m -> "at line " + prescan.originalLine(Integer.parseInt(m.group(1))) + ", column");
        }
        return new TomlParseException(line, sanitize(message));
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
