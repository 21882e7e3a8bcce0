package io.pipecat.cli.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path with {@code {name}} parameters, each standing for exactly one non-empty path segment:
 * {@code /v1/organizations/{org}/agents} matches {@code /v1/organizations/acme/agents} with
 * {@code org = acme}, but not {@code /v1/organizations/a/b/agents}. Literal parts match exactly;
 * values are URL-decoded.
 */
record PathTemplate(String template, Pattern pattern, List<String> names) {
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    static PathTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("a route's path must start with '/': " + template);
        }
        if (template.contains("?")) {
            throw new IllegalArgumentException("a route's path has no query part: " + template);
        }
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        Matcher m = PARAMETER.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            if (names.contains(m.group(1))) {
                throw new IllegalArgumentException("path parameter {" + m.group(1) + "} appears twice in " + template);
            }
            names.add(m.group(1));
            last = m.end();
        }
        String rest = template.substring(last);
        if (rest.contains("{") || rest.contains("}") || regex.toString().contains("{")) {
            throw new IllegalArgumentException("malformed path parameter in " + template + " (use {name})");
        }
        regex.append(Pattern.quote(rest));
        return new PathTemplate(template, Pattern.compile(regex.toString()), List.copyOf(names));
    }

    /** @return the decoded parameter values if {@code rawPath} matches, else empty */
    Optional<Map<String, String>> match(String rawPath) {
        Matcher m = pattern.matcher(rawPath);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            values.put(names.get(i), decode(m.group(i + 1)));
        }
        return Optional.of(values);
    }

    private static String decode(String segment) {
        try {
            // '+' is a literal plus in a path, not a space
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    @Override
    public String toString() {
        return template;
    }
}
