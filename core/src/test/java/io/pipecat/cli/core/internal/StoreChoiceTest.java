package io.pipecat.cli.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pipecat.cli.config.ConfigFile;
import io.pipecat.cli.config.FileSettings;
import io.pipecat.cli.config.TomlDocument;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.credentials.store.ConfigSecrets;
import io.pipecat.cli.credentials.store.ConfigSecrets.Key;
import io.pipecat.cli.credentials.store.CredentialStore;
import io.pipecat.cli.credentials.store.CredentialStoreProvider;
import io.pipecat.cli.credentials.store.Credentials;
import io.pipecat.cli.credentials.store.StoreContext;
import io.pipecat.cli.errors.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core knows no store by name: with nothing chosen, the store is the provider that says it is
 * the default; and a store sees the secret keys of the config file, never the rest of it.
 */
class StoreChoiceTest {
    @TempDir
    Path dir;

    /** A store that keeps its secret in the config file under its own name, to see which one ran. */
    private record NamedProvider(String name, boolean isDefault) implements CredentialStoreProvider {
        @Override
        public String description() {
            return name + " (test)";
        }

        @Override
        public CredentialStore create(StoreContext context) {
            return new CredentialStore() {
                @Override
                public String name() {
                    return NamedProvider.this.name;
                }

                @Override
                public void checkAvailable() {}

                @Override
                public Optional<Credentials> read(ConfigSecrets file) {
                    return file.string(Key.TOKEN).map(Credentials::pat);
                }

                @Override
                public void write(ConfigSecrets file, Credentials credentials) {
                    file.put(Key.TOKEN, credentials.token() + "@" + NamedProvider.this.name);
                }

                @Override
                public boolean delete(ConfigSecrets file) {
                    return file.removeAll();
                }

                @Override
                public String describeLocation(String configFileDescription) {
                    return configFileDescription;
                }
            };
        }
    }

    private DefaultCredentialBroker broker(Map<String, String> env, CredentialStoreProvider... providers) {
        Environment environment = Environment.of(env);
        ConfigFile config = new ConfigFile(dir.resolve("pipecatcloud.toml"), w -> {});
        FileSettings settings = FileSettings.of(
                environment, config, new ConfigFile(dir.resolve(FileSettings.PREFERENCES_FILE_NAME), w -> {}));
        return new DefaultCredentialBroker(
                environment,
                settings,
                config,
                () -> List.of(providers),
                w -> {},
                Optional.empty(),
                // Reading a token may hint the transport (prepare), but nothing here is ever sent.
                () -> request -> {
                    throw new AssertionError("no HTTP");
                },
                Clock.systemUTC());
    }

    @Test
    void withNothingChosenTheDefaultProviderIsUsedWhateverItsName() throws Exception {
        DefaultCredentialBroker broker =
                broker(Map.of(), new NamedProvider("alpha", false), new NamedProvider("vault", true));
        assertEquals("vault", broker.storeName());
        assertEquals("default", broker.storeOrigin());
        broker.save(Credentials.pat("pcc_pat_x"), "acme");
        assertEquals(
                "pcc_pat_x@vault",
                new ConfigFile(dir.resolve("pipecatcloud.toml"), w -> {})
                        .read()
                        .getString("token")
                        .orElseThrow());
        assertEquals("vault", broker.requireToken().source());
    }

    @Test
    void theEnvironmentOverridesTheDefault() {
        DefaultCredentialBroker broker = broker(
                Map.of("PIPECAT_CREDENTIAL_STORE", "alpha"),
                new NamedProvider("alpha", false),
                new NamedProvider("vault", true));
        assertEquals("alpha", broker.storeName());
        broker.save(Credentials.pat("pcc_pat_x"), "acme");
        assertEquals("alpha", broker.requireToken().source());
    }

    @Test
    void withoutExactlyOneDefaultTheMessageListsTheStoresTheProvidersName() {
        CliException none = assertThrows(
                CliException.class,
                () -> broker(Map.of(), new NamedProvider("alpha", false), new NamedProvider("beta", false))
                        .storeName());
        assertEquals(
                "No credential store says it is the default; set PIPECAT_CREDENTIAL_STORE to one of: alpha, beta.",
                none.getMessage());
        CliException unknown = assertThrows(
                CliException.class,
                () -> broker(Map.of("PIPECAT_CREDENTIAL_STORE", "file"), new NamedProvider("vault", true))
                        .stored());
        assertEquals(
                "Unknown credential store 'file' (from PIPECAT_CREDENTIAL_STORE); available: vault.",
                unknown.getMessage());
    }

    @Test
    void aStoreSeesOnlyTheSecretKeysAndTheRestOfTheFileIsKept() throws Exception {
        Path file = dir.resolve("pipecatcloud.toml");
        Files.writeString(
                file,
                "token = \"old\"\norg = \"acme\"\nrefresh_token = \"r\"\ntoken_expires_at = 1.5\n"
                        + "\n[acme]\ndefault_public_key = \"pk\"\n\n[beta]\nflag = true\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Map<String, Object> root =
                new HashMap<>(TomlDocument.parse(Files.readString(file)).root());
        TomlSecrets secrets = new TomlSecrets(TomlDocument.parse(Files.readString(file)));
        assertEquals(Optional.of("old"), secrets.string(Key.TOKEN));
        assertEquals(1.5, secrets.number(Key.EXPIRES_AT).orElseThrow());

        DefaultCredentialBroker broker = broker(Map.of(), new NamedProvider("vault", true));
        broker.remove();
        TomlDocument after = new ConfigFile(file, w -> {}).read();
        root.keySet().removeAll(List.of("token", "refresh_token", "token_expires_at"));
        assertEquals(root, after.root(), "only the three secret keys went");
    }
}
