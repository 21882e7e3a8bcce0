package io.pipecat.cli.core.internal;

import io.pipecat.cli.config.TomlDocument;
import io.pipecat.cli.credentials.store.ConfigSecrets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** {@link ConfigSecrets} over a config document: its three top-level secret keys, nothing else. */
final class TomlSecrets implements ConfigSecrets {
    private final TomlDocument document;

    TomlSecrets(TomlDocument document) {
        this.document = document;
    }

    @Override
    public Optional<String> string(Key key) {
        return document.getString(key.tomlKey());
    }

    @Override
    public OptionalDouble number(Key key) {
        return document.getNumber(key.tomlKey());
    }

    @Override
    public void put(Key key, String value) {
        root().put(key.tomlKey(), value);
    }

    @Override
    public void put(Key key, long value) {
        root().put(key.tomlKey(), value);
    }

    @Override
    public void put(Key key, double value) {
        root().put(key.tomlKey(), value);
    }

    @Override
    public boolean remove(Key key) {
        return root().remove(key.tomlKey()) != null;
    }

    private Map<String, Object> root() {
        return document.root();
    }
}
