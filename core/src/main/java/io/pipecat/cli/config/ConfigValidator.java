package io.pipecat.cli.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The official CLI's rule for the shared credentials file: the only top-level plain values are
 * {@code token}, {@code org}, {@code refresh_token} (strings) and {@code token_expires_at} (integer
 * or float; personal access tokens store 0); every other top-level key must be a table (one per
 * organisation). A file breaking the rule is unusable for the official CLI, so we neither accept
 * nor produce one.
 *
 * <p>Stateless and thread-safe.
 */
final class ConfigValidator {

    /** Known top-level keys, in the order the rule is explained to users. */
    private static final Map<String, Rule> KNOWN = Map.of(
            "token", new Rule("a string", v -> v instanceof String),
            "org", new Rule("a string", v -> v instanceof String),
            "refresh_token", new Rule("a string", v -> v instanceof String),
            "token_expires_at", new Rule("a number", TomlValues::isNumber));

    static final String ALLOWED_SCALARS =
            "only 'token', 'org', 'refresh_token' and 'token_expires_at' may be plain top-level values;"
                    + " every other top-level key must be a table such as [my-org]";

    private ConfigValidator() {}

    private record Rule(String expected, Predicate<Object> accepts) {}

    /**
     * A rule violation, described without values.
     *
     * @param what the offending key and its type, e.g. {@code has 'token' as an integer}
     * @param line 1-based line in the parsed text, 0 if unknown
     * @param rule what is expected instead
     */
    record Problem(String what, int line, String rule) {}

    /** Returns the first violation in document order, or empty if the document is acceptable. */
    static Optional<Problem> check(TomlDocument doc) {
        for (Map.Entry<String, Object> e : doc.root().entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            Rule rule = KNOWN.get(key);
            if (rule != null) {
                if (!rule.accepts().test(value)) {
                    String quoted = ConfigMessages.quoteKey(key);
                    return Optional.of(new Problem(
                            "has " + quoted + " as " + article(TomlValues.typeName(value)),
                            doc.lineOf(key),
                            quoted + " must be " + rule.expected()));
                }
            } else if (!(value instanceof Map)) {
                String quoted = ConfigMessages.quoteKey(key);
                return Optional.of(new Problem(
                        "has an unexpected top-level " + TomlValues.typeName(value) + " " + quoted,
                        doc.lineOf(key),
                        ALLOWED_SCALARS));
            }
        }
        return Optional.empty();
    }

    /**
     * Removes every top-level entry that breaks the rule (a known key of the wrong type, an unknown
     * plain value), keeping all tables: what is left is acceptable, and no organisation's data is
     * lost when a file is regenerated.
     *
     * @return how many entries were removed
     */
    static int removeViolations(TomlDocument doc) {
        int before = doc.root().size();
        doc.root().entrySet().removeIf(e -> {
            Rule rule = KNOWN.get(e.getKey());
            return rule != null ? !rule.accepts().test(e.getValue()) : !(e.getValue() instanceof Map);
        });
        return before - doc.root().size();
    }

    private static String article(String typeName) {
        return ("aeiou".indexOf(typeName.charAt(0)) >= 0 ? "an " : "a ") + typeName;
    }
}
