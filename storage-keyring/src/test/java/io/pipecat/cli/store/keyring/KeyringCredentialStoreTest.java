package io.pipecat.cli.store.keyring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.context.Environment;
import io.pipecat.cli.credentials.store.ConfigSecrets.Key;
import io.pipecat.cli.credentials.store.Credentials;
import io.pipecat.cli.credentials.store.StoreContext;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.errors.ExitCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The keyring store against a real Secret Service (gnome-keyring in a private D-Bus session; see
 * scripts/with-keyring.sh), checked from outside with {@code secret-tool}.
 */
class KeyringCredentialStoreTest {
    private final String apiHost = "https://api-" + UUID.randomUUID() + ".example.test";
    private KeyringCredentialStore store;

    @BeforeEach
    void requireSecretService() {
        KeyringTestSupport.assumeSecretService();
        store = new KeyringCredentialStore(
                new StoreContext(Environment.of(Map.of()), apiHost, Duration.ofSeconds(5), w -> {}));
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (store != null) {
            secretTool("clear", "service", KeyringCredentialStore.SERVICE, "account", apiHost);
            store.close();
        }
    }

    @Test
    void writeStoresTheSecretInTheKeychainAndNothingInTheFile() throws Exception {
        MapSecrets doc = new MapSecrets()
                .with(Key.TOKEN, "old-plaintext")
                .with(Key.REFRESH_TOKEN, "r")
                .with(Key.EXPIRES_AT, 1.5);
        store.checkAvailable();
        store.write(doc, new Credentials("access-123", "refresh-456", 1795950641.7305133));

        String secret = secretTool("lookup", "service", "pipecat-cli", "account", apiHost);
        assertEquals(
                "{\"token\":\"access-123\",\"refresh_token\":\"refresh-456\",\"token_expires_at\":1.7959506417305133E9}",
                secret);
        assertTrue(doc.values.isEmpty(), "no plaintext secret left in the file: " + doc.values);

        Credentials read = store.read(doc).orElseThrow();
        assertEquals("access-123", read.token());
        assertEquals("refresh-456", read.refreshToken());
        assertEquals(1795950641.7305133, read.expiresAt());
    }

    @Test
    void deleteRemovesTheItem() throws Exception {
        MapSecrets doc = new MapSecrets();
        store.write(doc, Credentials.pat("pcc_pat_x"));
        assertFalse(secretTool("search", "--all", "service", "pipecat-cli", "account", apiHost)
                .isEmpty());
        assertTrue(store.delete(doc));
        assertEquals("", secretTool("search", "--all", "service", "pipecat-cli", "account", apiHost));
        assertFalse(store.delete(doc), "nothing left to delete");
        assertTrue(store.read(doc).isEmpty());
    }

    @Test
    void deleteTouchesOnlyTheKeychainItem() throws Exception {
        // Moving a login to the file store writes the file first, then deletes the keychain item:
        // the copy just written must survive (logout clears the file itself, in the broker).
        store.write(new MapSecrets(), new Credentials("at", "rt", 1.0));
        MapSecrets doc = new MapSecrets().with(Key.TOKEN, "moved").with(Key.EXPIRES_AT, 0L);
        assertTrue(store.delete(doc), "the keychain item was there");
        assertEquals("moved", doc.values.get(Key.TOKEN.tomlKey()), doc.values.toString());
        assertTrue(store.read(new MapSecrets()).isEmpty(), "the keychain item is gone");
    }

    @Test
    void readsAnItemWrittenByAnotherProgram() throws Exception {
        Process store2 = new ProcessBuilder(
                        "secret-tool", "store", "--label=pipecat", "service", "pipecat-cli", "account", apiHost)
                .start();
        store2.getOutputStream()
                .write("{\"token\":\"from-outside\",\"refresh_token\":\"\",\"token_expires_at\":0}"
                        .getBytes(StandardCharsets.UTF_8));
        store2.getOutputStream().close();
        assertTrue(store2.waitFor(10, TimeUnit.SECONDS));
        assertEquals("from-outside", store.read(new MapSecrets()).orElseThrow().token());
    }

    @Test
    void aMalformedItemIsExit5WithoutEchoingIt() throws Exception {
        Process write = new ProcessBuilder(
                        "secret-tool", "store", "--label=pipecat", "service", "pipecat-cli", "account", apiHost)
                .start();
        write.getOutputStream().write("not-json-SECRET".getBytes(StandardCharsets.UTF_8));
        write.getOutputStream().close();
        assertTrue(write.waitFor(10, TimeUnit.SECONDS));
        CliException e = assertThrows(CliException.class, () -> store.read(new MapSecrets()));
        assertEquals(ExitCode.CREDENTIAL_STORE_UNAVAILABLE, e.exitCode());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
    }

    static String secretTool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("secret-tool");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        return out.trim();
    }
}
