package io.pipecat.cli.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.credentials.store.ConfigSecrets.Key;
import io.pipecat.cli.credentials.store.CredentialStoreProvider;
import io.pipecat.cli.credentials.store.Credentials;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TomlCredentialFileTest {

    private final TomlCredentialFile store = new TomlCredentialFile();

    /** What the official CLI (Python toml) writes: a float expiry. */
    private static MapSecrets official() {
        return new MapSecrets()
                .with(Key.TOKEN, "eyJhbGciOi.access")
                .with(Key.REFRESH_TOKEN, "v1.refresh")
                .with(Key.EXPIRES_AT, 1795950641.7305133);
    }

    @Test
    void readsWhatTheOfficialCliWrote() {
        Credentials credentials = store.read(official()).orElseThrow();
        assertEquals("eyJhbGciOi.access", credentials.token());
        assertEquals("v1.refresh", credentials.refreshToken());
        assertEquals(1795950641.7305133, credentials.expiresAt());
        assertEquals("file", store.name());
    }

    @Test
    void writesTheThreeSecretKeys() {
        MapSecrets file = official();
        store.write(file, new Credentials("new.access", "new.refresh", 1800000000.25));
        assertEquals(
                Map.of("token", "new.access", "refresh_token", "new.refresh", "token_expires_at", 1800000000.25),
                file.values);
    }

    @Test
    void aPatIsStoredAsTheOfficialCliStoresIt() {
        MapSecrets file = new MapSecrets();
        store.write(file, Credentials.pat("pcc_pat_abc"));
        assertEquals("", file.values.get("refresh_token"));
        assertEquals(0L, file.values.get("token_expires_at"), "integer 0, as the official CLI writes");
        assertTrue(store.read(file).orElseThrow().isPat());
    }

    @Test
    void deleteRemovesTheSecrets() {
        MapSecrets file = official();
        assertTrue(store.delete(file));
        assertTrue(file.values.isEmpty(), file.values.toString());
        assertFalse(store.delete(file), "nothing left to delete");
        assertTrue(store.read(file).isEmpty());
    }

    @Test
    void aBlankTokenCountsAsNotLoggedIn() {
        assertTrue(store.read(new MapSecrets().with(Key.TOKEN, "")).isEmpty());
        assertTrue(store.read(new MapSecrets()).isEmpty());
    }

    @Test
    void theModuleProvidesTheDefaultStore() {
        var provides = TomlCredentialFile.class.getModule().getDescriptor().provides();
        assertTrue(
                provides.stream()
                        .anyMatch(p -> p.service().equals(CredentialStoreProvider.class.getName())
                                && p.providers()
                                        .equals(java.util.List.of(FileCredentialStoreProvider.class.getName()))),
                provides.toString());
        assertEquals("file", new FileCredentialStoreProvider().create(null).name());
        assertTrue(
                new FileCredentialStoreProvider().isDefault(),
                "the config file is the default store, as in the official CLI");
    }
}
