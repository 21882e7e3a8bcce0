package io.pipecat.cli.store.keyring;

import io.pipecat.cli.credentials.store.ConfigSecrets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** The secret keys of a config file, held in a map the test inspects (the core backs them with the TOML document). */
final class MapSecrets implements ConfigSecrets {
    final Map<String, Object> values = new LinkedHashMap<>();

    MapSecrets with(Key key, Object value) {
        values.put(key.tomlKey(), value);
        return this;
    }

    @Override
    public Optional<String> string(Key key) {
        return values.get(key.tomlKey()) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    @Override
    public OptionalDouble number(Key key) {
        return values.get(key.tomlKey()) instanceof Number n
                ? OptionalDouble.of(n.doubleValue())
                : OptionalDouble.empty();
    }

    @Override
    public void put(Key key, String value) {
        values.put(key.tomlKey(), value);
    }

    @Override
    public void put(Key key, long value) {
        values.put(key.tomlKey(), value);
    }

    @Override
    public void put(Key key, double value) {
        values.put(key.tomlKey(), value);
    }

    @Override
    public boolean remove(Key key) {
        return values.remove(key.tomlKey()) != null;
    }
}
