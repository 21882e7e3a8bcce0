package io.pipecat.cli.auth.login;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Decodes the query of a callback URL into a {@link CallbackResult}. */
final class QueryParameters {
    private QueryParameters() {}

    /** @param rawQuery the raw (encoded) query, may be null */
    static CallbackResult toResult(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                parameters.putIfAbsent(name, value);
            }
        }
        return new CallbackResult(
                nonEmpty(parameters.get("code")),
                nonEmpty(parameters.get("state")),
                nonEmpty(parameters.get("error")),
                nonEmpty(parameters.get("error_description")));
    }

    private static Optional<String> nonEmpty(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
