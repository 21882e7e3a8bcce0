package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.context.Environment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileSettings#readForReplacement()}: the check that login, use-pat and logout make before any
 * network call. A malformed file is reported and then reads as empty; a path nothing could replace
 * fails right away; the file itself is never touched by the check.
 */
class SettingsReadForReplacementTest {

    @TempDir
    Path dir;

    private FileSettings settingsFor(Path file) {
        ConfigFile config = new ConfigFile(file, w -> {});
        return new FileSettings(Environment.of(Map.of()), file, config::read, TomlDocument::empty);
    }

    @Test
    void malformedFileIsReportedThenReadsAsEmpty() throws Exception {
        Path file = TestFiles.write(dir.resolve("pipecatcloud.toml"), "token = 12345\norg = \"acme\"\n", "rw-r--r--");
        FileSettings settings = settingsFor(file);

        MalformedConfigFileException plain = assertThrows(MalformedConfigFileException.class, settings::org);

        Optional<MalformedConfigFileException> malformed = settings.readForReplacement();
        assertTrue(malformed.isPresent());
        assertEquals(
                "Config file " + file + " has 'token' as an integer (line 1): 'token' must be a string",
                malformed.get().problem());
        assertEquals(plain.getMessage(), malformed.get().getMessage());
        assertTrue(
                malformed
                        .get()
                        .replacementNotice()
                        .endsWith(
                                "It will be kept as a backup beside it and replaced by a new file when this command succeeds."));
        assertEquals(Optional.empty(), settings.org(), "none of its values is trusted");
        assertEquals(FileSettings.DEFAULT_API_HOST, settings.apiHost());
        settings.reload();
        assertEquals(Optional.empty(), settings.org(), "still empty after a reload");

        assertEquals("token = 12345\norg = \"acme\"\n", Files.readString(file, StandardCharsets.UTF_8));
        assertEquals("rw-r--r--", TestFiles.mode(file), "the check never changes the file");
    }

    @Test
    void validFileIsReadAsUsual() throws Exception {
        Path file = TestFiles.write(dir.resolve("pipecatcloud.toml"), TestFiles.OFFICIAL_EXAMPLE, "rw-------");
        FileSettings settings = settingsFor(file);
        assertEquals(Optional.empty(), settings.readForReplacement());
        assertEquals(Optional.of("acme"), settings.org());
    }

    @Test
    void missingFileIsFine() {
        FileSettings settings = settingsFor(dir.resolve("none/pipecatcloud.toml"));
        assertEquals(Optional.empty(), settings.readForReplacement());
        assertEquals(Optional.empty(), settings.org());
    }

    @Test
    void folderFailsRightAway() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("pipecatcloud.toml"));
        ConfigFileException e = assertThrows(ConfigFileException.class, settingsFor(folder)::readForReplacement);
        assertTrue(!(e instanceof MalformedConfigFileException), e.getMessage());
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    @Test
    void danglingSymlinkFailsRightAway() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("pipecatcloud.toml"), dir.resolve("gone.toml"));
        ConfigFileException e = assertThrows(ConfigFileException.class, settingsFor(link)::readForReplacement);
        assertTrue(!(e instanceof MalformedConfigFileException), e.getMessage());
        assertTrue(Files.isSymbolicLink(link) && !Files.exists(dir.resolve("gone.toml")));
    }
}
