package io.pipecat.cli.store.keyring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipecat.cli.credentials.store.ConfigSecrets;
import io.pipecat.cli.credentials.store.CredentialStore;
import io.pipecat.cli.credentials.store.Credentials;
import io.pipecat.cli.credentials.store.StoreContext;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.http.JsonTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Credentials in the OS keychain. One item per API host:
 * <ul>
 *   <li>service {@value #SERVICE}, account = the API base URL (e.g.
 *       {@code https://api.pipecat.daily.co}), so logins to different hosts never overwrite each
 *       other;</li>
 *   <li>secret = JSON {@code {"token": …, "refresh_token": …, "token_expires_at": …}}.</li>
 * </ul>
 * On Linux, {@code secret-tool search service pipecat-cli} lists them. The keychain is opened once,
 * on first use, and every call is bounded by the context's timeout; any failure becomes exit 5
 * with the way out. Never a silent fallback to the plaintext file.
 */
final class KeyringCredentialStore implements CredentialStore {
    static final String NAME = "keyring";
    static final String SERVICE = "pipecat-cli";
    private static final String PROBE_ACCOUNT = "availability-probe";

    private final StoreContext context;
    private BoundedKeyring keyring;

    KeyringCredentialStore(StoreContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void checkAvailable() {
        // A locked Secret Service can open and even read, then fail on write: probe a write.
        guard(() -> {
            keyring().set(SERVICE, PROBE_ACCOUNT, "ok");
            keyring().delete(SERVICE, PROBE_ACCOUNT);
            return null;
        });
    }

    @Override
    public Optional<Credentials> read(ConfigSecrets file) {
        Optional<String> secret = guard(() -> keyring().get(SERVICE, account()));
        return secret.map(this::decode);
    }

    @Override
    public void write(ConfigSecrets file, Credentials credentials) {
        ObjectNode node = JsonNodeFactory.instance
                .objectNode()
                .put("token", credentials.token())
                .put("refresh_token", credentials.refreshToken())
                .put("token_expires_at", credentials.expiresAt());
        guard(() -> {
            keyring().set(SERVICE, account(), node.toString());
            return null;
        });
        // No plaintext copy may stay behind in the file.
        file.removeAll();
    }

    @Override
    public boolean delete(ConfigSecrets file) {
        return guard(() -> keyring().delete(SERVICE, account()));
    }

    @Override
    public String describeLocation(String configFileDescription) {
        return "the OS keychain (service \"" + SERVICE + "\", account \"" + account() + "\"); organization in "
                + configFileDescription;
    }

    @Override
    public void close() {
        if (keyring != null) {
            keyring.close();
            keyring = null;
        }
    }

    private String account() {
        return context.apiHost();
    }

    private BoundedKeyring keyring() {
        if (keyring == null) {
            keyring = BoundedKeyring.open(context.timeout());
        }
        return keyring;
    }

    private Credentials decode(String secret) {
        try {
            // The streaming reader, not the mapper: a read is on every command's path, a write is not.
            JsonNode node = JsonTrees.read(secret.getBytes(StandardCharsets.UTF_8));
            String token = node.path("token").asText("");
            if (token.isBlank()) {
                throw new IOException("no token");
            }
            return new Credentials(
                    token,
                    node.path("refresh_token").asText(""),
                    node.path("token_expires_at").asDouble(0));
        } catch (IOException | RuntimeException e) {
            // Never echo the secret: name the item only.
            throw CliException.storeUnavailable(
                    "The keychain item (service \"" + SERVICE + "\", account \"" + account()
                            + "\") is not in the expected format. Run pipecat cloud auth login to replace it.",
                    null);
        }
    }

    @Override
    public Optional<String> manualRemoval() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return Optional.of("security delete-generic-password -s " + SERVICE + " -a " + shellWord(account()));
        }
        if (os.contains("windows")) {
            return Optional.of(
                    "Credential Manager (Windows Credentials): the entry for " + SERVICE + " and " + account());
        }
        return Optional.of("secret-tool clear service " + SERVICE + " account " + shellWord(account()));
    }

    /** Quotes a word for a POSIX shell when it holds anything but plain URL characters. */
    private static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_.:/@%+=-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private interface KeyringCall<T> {
        T call();
    }

    private <T> T guard(KeyringCall<T> call) {
        try {
            return call.call();
        } catch (KeyringUnavailableException e) {
            throw CliException.storeUnavailable(userMessage(e), e);
        }
    }

    /**
     * One line: what is wrong (the exception's message, no Java text), what to do about it, and the
     * way out to the config file, as it fits: with {@code PIPECAT_CREDENTIAL_STORE} set, the saved
     * choice does not count, so the variable is what to change.
     */
    private String userMessage(KeyringUnavailableException e) {
        String wayOut = context.env().isSet("PIPECAT_CREDENTIAL_STORE")
                ? "set PIPECAT_CREDENTIAL_STORE=file to keep credentials in the config file"
                : "run pipecat cloud auth store file to keep credentials in the config file";
        String fix = switch (e.reason()) {
            case NO_DBUS_SESSION -> "Start a Secret Service such as gnome-keyring in a D-Bus session";
            case NOT_RUNNING -> "Start a Secret Service such as gnome-keyring";
            case LOCKED, TIMED_OUT -> "Unlock it (your login keyring) and try again";
            case BACKEND_ERROR -> "Check that it is unlocked and try again (--verbose shows the cause)";
            case NO_BACKEND, CLOSED -> null;
        };
        return e.getMessage() + ". " + (fix == null ? capitalised(wayOut) : fix + ", or " + wayOut) + ".";
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
