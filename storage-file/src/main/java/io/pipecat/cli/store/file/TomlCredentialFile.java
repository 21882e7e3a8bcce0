package io.pipecat.cli.store.file;

import io.pipecat.cli.config.TomlDocument;
import io.pipecat.cli.context.TokenSource;
import io.pipecat.cli.spi.CredentialStore;
import io.pipecat.cli.spi.Credentials;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials as the official CLI stores them: top-level {@code token}, {@code refresh_token}
 * ({@code ""} for PATs) and {@code token_expires_at} (epoch seconds as a float; integer {@code 0}
 * for PATs) in the config file. The broker does the locked, atomic write; this class only maps
 * the record onto the document.
 */
final class TomlCredentialFile implements CredentialStore {
    static final String NAME = "file";
    static final String TOKEN = "token";
    static final String REFRESH_TOKEN = "refresh_token";
    static final String EXPIRES_AT = "token_expires_at";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TokenSource tokenSource() {
        return TokenSource.FILE;
    }

    @Override
    public void checkAvailable() {
        // The file itself is checked where it is read or written, with a message naming it.
    }

    @Override
    public Optional<Credentials> read(TomlDocument config) {
        Optional<String> token = config.getString(TOKEN).filter(t -> !t.isBlank());
        if (token.isEmpty()) {
            return Optional.empty();
        }
        String refresh = config.getString(REFRESH_TOKEN).orElse("");
        double expiresAt = config.getNumber(EXPIRES_AT).orElse(0);
        return Optional.of(new Credentials(token.get(), refresh, expiresAt));
    }

    @Override
    public void write(TomlDocument config, Credentials credentials) {
        Map<String, Object> root = config.root();
        root.put(TOKEN, credentials.token());
        root.put(REFRESH_TOKEN, credentials.refreshToken());
        // The official CLI writes 0 for PATs and a float (time.time() + expires_in) otherwise.
        root.put(EXPIRES_AT, credentials.expiresAt() == 0 ? (Object) 0L : (Object) credentials.expiresAt());
    }

    @Override
    public boolean delete(TomlDocument config) {
        Map<String, Object> root = config.root();
        boolean had = root.containsKey(TOKEN);
        root.remove(TOKEN);
        root.remove(REFRESH_TOKEN);
        root.remove(EXPIRES_AT);
        return had;
    }

    @Override
    public String describeLocation(String configFileDescription) {
        return configFileDescription;
    }
}
