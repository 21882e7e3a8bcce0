package io.pipecat.cli.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.config.TomlDocument;
import io.pipecat.cli.context.TokenSource;
import io.pipecat.cli.spi.CredentialStoreProvider;
import io.pipecat.cli.spi.Credentials;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TomlCredentialFileTest {
    /** Written by the official CLI (Python toml): float expiry, org table with keys we don't manage. */
    private static final String OFFICIAL = """
            token = "eyJhbGciOi.access"
            org = "acme"
            refresh_token = "v1.refresh"
            token_expires_at = 1795950641.7305133

            [acme]
            default_public_key = "pk_123"
            default_public_key_name = "Default key"
            """;

    private final TomlCredentialFile store = new TomlCredentialFile();

    @Test
    void readsWhatTheOfficialCliWrote() throws Exception {
        Credentials credentials = store.read(TomlDocument.parse(OFFICIAL)).orElseThrow();
        assertEquals("eyJhbGciOi.access", credentials.token());
        assertEquals("v1.refresh", credentials.refreshToken());
        assertEquals(1795950641.7305133, credentials.expiresAt());
        assertEquals(TokenSource.FILE, store.tokenSource());
    }

    @Test
    void writesThreeTopLevelKeysAndKeepsEverythingElse() throws Exception {
        TomlDocument doc = TomlDocument.parse(OFFICIAL + "\n[beta]\nflag = true\n");
        store.write(doc, new Credentials("new.access", "new.refresh", 1800000000.25));
        TomlDocument reread = TomlDocument.parse(doc.toToml());
        assertEquals("new.access", reread.getString("token").orElseThrow());
        assertEquals("new.refresh", reread.getString("refresh_token").orElseThrow());
        assertEquals(1800000000.25, reread.root().get("token_expires_at"));
        assertEquals("acme", reread.getString("org").orElseThrow());
        assertEquals(Map.of("default_public_key", "pk_123", "default_public_key_name", "Default key"), reread.table("acme"));
        assertEquals(Map.of("flag", true), reread.table("beta"));
    }

    @Test
    void aPatIsStoredAsTheOfficialCliStoresIt() throws Exception {
        TomlDocument doc = TomlDocument.empty();
        store.write(doc, Credentials.pat("pcc_pat_abc"));
        TomlDocument reread = TomlDocument.parse(doc.toToml());
        assertEquals("", reread.getString("refresh_token").orElseThrow());
        assertEquals(0L, reread.root().get("token_expires_at"), "integer 0, as the official CLI writes");
        assertTrue(store.read(reread).orElseThrow().isPat());
    }

    @Test
    void deleteRemovesOnlyTheSecrets() throws Exception {
        TomlDocument doc = TomlDocument.parse(OFFICIAL);
        assertTrue(store.delete(doc));
        assertEquals(java.util.Set.of("org", "acme"), doc.root().keySet());
        assertFalse(store.delete(doc), "nothing left to delete");
        assertTrue(store.read(doc).isEmpty());
    }

    @Test
    void aBlankTokenCountsAsNotLoggedIn() throws Exception {
        assertTrue(store.read(TomlDocument.parse("token = \"\"\norg = \"acme\"\n")).isEmpty());
        assertTrue(store.read(TomlDocument.empty()).isEmpty());
    }

    @Test
    void theModuleProvidesTheStoreService() {
        var provides = TomlCredentialFile.class.getModule().getDescriptor().provides();
        assertTrue(provides.stream().anyMatch(p -> p.service().equals(CredentialStoreProvider.class.getName())
                && p.providers().equals(java.util.List.of(FileCredentialStoreProvider.class.getName()))), provides.toString());
        assertEquals("file", new FileCredentialStoreProvider().create(null).name());
    }
}
