package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pipecat.cli.context.Environment;
import io.pipecat.cli.context.Settings;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.errors.ExitCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plugin API's view of the settings ({@link Settings}, implemented by {@link FileSettings}):
 * it reads and writes the non-secret settings of the real config file, and never the secrets of
 * the login.
 */
class SettingsWritesTest {

    private static final String LOGGED_IN =
            "token = \"secret-access\"\norg = \"acme\"\nrefresh_token = \"secret-refresh\"\n"
                    + "token_expires_at = 1795950641.5\n\n[acme]\ndefault_public_key = \"pk_1\"\n";

    @TempDir
    Path dir;

    private Path file;

    private Settings settings() throws Exception {
        file = file == null ? TestFiles.write(dir.resolve("pipecatcloud.toml"), LOGGED_IN, "rw-------") : file;
        return FileSettings.of(
                Environment.of(Map.of()),
                new ConfigFile(file, w -> {}),
                new ConfigFile(dir.resolve(FileSettings.PREFERENCES_FILE_NAME), w -> {}));
    }

    private String text() throws Exception {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"token", "refresh_token", "token_expires_at"})
    void theSecretsAreNotSettings(String key) throws Exception {
        Settings settings = settings();
        assertThrows(IllegalArgumentException.class, () -> settings.get(key));
        assertThrows(IllegalArgumentException.class, () -> settings.sourceOf(key));
        CliException write = assertThrows(CliException.class, () -> settings.setOrgValue("acme", key, "stolen"));
        assertEquals(ExitCode.ERROR, write.exitCode());
        assertEquals("'" + key + "' holds a secret of the login and cannot be set as a setting.", write.getMessage());
        CliException asOrg =
                assertThrows(CliException.class, () -> settings.setOrgValue(key, "default_public_key", "x"));
        assertEquals(
                "'" + key + "' is a top-level setting of the config file, not an organization.", asOrg.getMessage());
        assertThrows(CliException.class, () -> settings.setOrg(key));
        assertEquals(LOGGED_IN, text(), "nothing written");
    }

    @Test
    void anOrganizationCannotReplaceTheActiveOrganization() throws Exception {
        Settings settings = settings();
        CliException e = assertThrows(CliException.class, () -> settings.setOrgValue("org", "default_public_key", "x"));
        assertEquals("'org' is a top-level setting of the config file, not an organization.", e.getMessage());
        assertThrows(CliException.class, () -> settings.setOrg("org"));
        assertEquals(LOGGED_IN, text());
    }

    @Test
    void perOrganizationValuesAreWrittenAndEverythingElseKept() throws Exception {
        Settings settings = settings();
        settings.setOrgValue("acme", "default_public_key", "pk_2");
        settings.setOrgValue("beta", "default_public_key_name", "Beta key");

        assertEquals(Optional.of("pk_2"), settings.get("default_public_key"), "re-read after the write");
        assertEquals("org table", settings.sourceOf("default_public_key"));
        TomlDocument written = new ConfigFile(file, w -> {}).read();
        assertEquals("secret-access", written.getString("token").orElseThrow());
        assertEquals("secret-refresh", written.getString("refresh_token").orElseThrow());
        assertEquals(Map.of("default_public_key", "pk_2"), written.table("acme"));
        assertEquals(Map.of("default_public_key_name", "Beta key"), written.table("beta"));
        assertEquals("rw-------", TestFiles.mode(file));
    }

    @Test
    void theActiveOrganizationIsSetWithItsTable() throws Exception {
        Settings settings = settings();
        settings.setOrg("beta");
        assertEquals(Optional.of("beta"), settings.org());
        assertEquals(Optional.empty(), settings.get("default_public_key"), "beta has no key; acme's is not used");
        TomlDocument written = new ConfigFile(file, w -> {}).read();
        assertEquals("beta", written.getString("org").orElseThrow());
        assertEquals(Map.of(), written.table("beta"));
        assertEquals(Map.of("default_public_key", "pk_1"), written.table("acme"));
        assertEquals("secret-access", written.getString("token").orElseThrow());
    }

    @Test
    void aMalformedFileIsRefusedNotOverwritten() throws Exception {
        file = TestFiles.write(dir.resolve("pipecatcloud.toml"), "org = [\n", "rw-------");
        Settings settings = settings();
        assertThrows(MalformedConfigFileException.class, () -> settings.setOrg("acme"));
        assertEquals("org = [\n", text());
    }

    @Test
    void anOrganizationsOwnTableIsReadWhicheverIsActive() throws Exception {
        Settings settings = settings();
        settings.setOrgValue("beta", "default_public_key", "pk_beta");
        assertEquals(Optional.of("pk_beta"), settings.orgValue("beta", "default_public_key"));
        assertEquals(Optional.of("pk_1"), settings.orgValue("acme", "default_public_key"));
        assertEquals(Optional.empty(), settings.orgValue("gamma", "default_public_key"), "no such table");
        assertEquals(Optional.empty(), settings.orgValue("org", "default_public_key"), "a top-level value");
        assertThrows(IllegalArgumentException.class, () -> settings.orgValue("acme", "token"));
    }

    @Test
    void theActiveOrganizationAndItsValuesAreWrittenInOneUpdate() throws Exception {
        Settings settings = settings();
        Map<String, String> key = new java.util.LinkedHashMap<>();
        key.put("default_public_key", "pk_b");
        key.put("default_public_key_name", "Beta key");
        settings.setOrg("beta", key);
        assertEquals(
                "token = \"secret-access\"\norg = \"beta\"\nrefresh_token = \"secret-refresh\"\n"
                        + "token_expires_at = 1795950641.5\n\n[acme]\ndefault_public_key = \"pk_1\"\n\n"
                        + "[beta]\ndefault_public_key = \"pk_b\"\ndefault_public_key_name = \"Beta key\"\n",
                text());
        CliException secret =
                assertThrows(CliException.class, () -> settings.setOrg("acme", Map.of("refresh_token", "x")));
        assertEquals(ExitCode.ERROR, secret.exitCode());
        assertEquals(
                "beta", new ConfigFile(file, w -> {}).read().getString("org").orElseThrow(), "nothing written");
    }
}
