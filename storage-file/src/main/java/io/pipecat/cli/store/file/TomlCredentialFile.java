package io.pipecat.cli.store.file;

import io.pipecat.cli.credentials.store.ConfigSecrets;
import io.pipecat.cli.credentials.store.ConfigSecrets.Key;
import io.pipecat.cli.credentials.store.CredentialStore;
import io.pipecat.cli.credentials.store.Credentials;
import java.util.Optional;

/**
 * Credentials as the official CLI stores them: top-level {@code token}, {@code refresh_token}
 * ({@code ""} for PATs) and {@code token_expires_at} (epoch seconds as a float; integer {@code 0}
 * for PATs) in the config file. The broker does the locked, atomic write; this class only maps
 * the record onto those keys.
 */
final class TomlCredentialFile implements CredentialStore {
    static final String NAME = "file";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void checkAvailable() {
        // The file itself is checked where it is read or written, with a message naming it.
    }

    @Override
    public Optional<Credentials> read(ConfigSecrets file) {
        Optional<String> token = file.string(Key.TOKEN).filter(t -> !t.isBlank());
        if (token.isEmpty()) {
            return Optional.empty();
        }
        String refresh = file.string(Key.REFRESH_TOKEN).orElse("");
        double expiresAt = file.number(Key.EXPIRES_AT).orElse(0);
        return Optional.of(new Credentials(token.get(), refresh, expiresAt));
    }

    @Override
    public void write(ConfigSecrets file, Credentials credentials) {
        file.put(Key.TOKEN, credentials.token());
        file.put(Key.REFRESH_TOKEN, credentials.refreshToken());
        // The official CLI writes 0 for PATs and a float (time.time() + expires_in) otherwise.
        if (credentials.expiresAt() == 0) {
            file.put(Key.EXPIRES_AT, 0L);
        } else {
            file.put(Key.EXPIRES_AT, credentials.expiresAt());
        }
    }

    @Override
    public boolean delete(ConfigSecrets file) {
        return file.removeAll();
    }

    @Override
    public String describeLocation(String configFileDescription) {
        return configFileDescription;
    }
}
