package io.pipecat.cli.context;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The environment variables of one invocation. Commands read variables only through this, so
 * tests pass their own. An empty value counts as unset (as in most CLIs: {@code PIPECAT_TOKEN=}
 * does not mean "use the empty token").
 */
public final class Environment {
    private final Map<String, String> variables;

    private Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** @param variables the variables; copied */
    public static Environment of(Map<String, String> variables) {
        return new Environment(variables);
    }

    /** @return the value if set and non-empty */
    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** @return the value if set and non-empty, else {@code fallback} */
    public String getOrDefault(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    /** @return whether the variable is set to a non-empty value */
    public boolean isSet(String name) {
        return get(name).isPresent();
    }

    /** @return all variables, sorted by name (for child processes and diagnostics) */
    public Map<String, String> asMap() {
        return new TreeMap<>(variables);
    }
}
