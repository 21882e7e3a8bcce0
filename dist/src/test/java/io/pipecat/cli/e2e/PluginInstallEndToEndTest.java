package io.pipecat.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipecat plugins install groupId:artifactId[:version]} and {@code upgrade} through the real
 * CLI process (the built distribution, whose Maven resolver is loaded from its installer folder),
 * against a Maven repository built by the test on disk and served over loopback HTTP.
 */
class PluginInstallEndToEndTest {
    @TempDir
    Path home;

    MavenRepositoryFixture repository;
    Path plugins;

    @BeforeEach
    void setUp() throws IOException {
        repository = new MavenRepositoryFixture(
                Files.createDirectories(home.resolve("repository")), Files.createDirectories(home.resolve("work")));
        plugins = home.resolve("plugins");
    }

    private CliProcess cli(String repositories) {
        return new CliProcess(home)
                .env("PIPECAT_PLUGIN_REPOSITORIES", repositories)
                .env("XDG_CACHE_HOME", home.resolve("cache").toString());
    }

    /** Every file under the plugin folder with its SHA-256. */
    private Map<String, String> state() throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (Files.exists(plugins)) {
            try (Stream<Path> walk = Files.walk(plugins)) {
                for (Path p : walk.filter(p -> !p.equals(plugins)).toList()) {
                    files.put(
                            plugins.relativize(p).toString(),
                            Files.isRegularFile(p)
                                    ? MavenRepositoryFixture.digest("SHA-256", Files.readAllBytes(p))
                                    : "dir");
                }
            }
        }
        return files;
    }

    @Test
    void installsTheNewestReleaseFromARepositoryOnDiskAndItsCommandRuns() throws IOException {
        repository.publishPlugin("greet-plugin", "1.0.0", null);
        repository.publishPlugin("greet-plugin", "1.1.0", null);
        repository.publishPlugin("greet-plugin", "2.0.0-rc1", null);
        CliProcess cli = cli(repository.fileUrl());

        CliProcess.Result install = cli.run("plugins", "install", "com.example:greet-plugin");

        assertEquals(0, install.exit(), install.toString());
        assertTrue(
                install.out().contains("Installed plugin greet 1.1.0 (com.example:greet-plugin:1.1.0)"), install.out());
        assertFalse(install.err().contains("Download"), "no progress off a terminal: " + install.err());
        String manifest = Files.readString(plugins.resolve("plugins.json"));
        assertTrue(manifest.contains("\"coordinates\" : \"com.example:greet-plugin:1.1.0\""), manifest);
        assertTrue(
                manifest.contains(MavenRepositoryFixture.digest(
                        "SHA-256",
                        Files.readAllBytes(repository
                                .root()
                                .resolve(MavenRepositoryFixture.path("greet-plugin", "1.1.0", ".jar"))))),
                manifest);
        CliProcess.Result hello = cli.run("greet", "hello");
        assertEquals(0, hello.exit(), hello.toString());
        assertEquals("hello from greet 1.1.0\n", hello.out());
    }

    @Test
    void installsFromALoopbackHttpRepositoryWithTheLibraryButNotWhatTheCliProvides() throws IOException {
        repository.publishLibrary("4.2.0");
        repository.publishPlugin("greet-plugin", "1.0.0", "4.2.0");

        CliProcess.Result install =
                cli(repository.httpUrl()).run("plugins", "install", "com.example:greet-plugin:1.0.0");
        repository.close();

        assertEquals(0, install.exit(), install.toString());
        // The version comes from the library: the installer loaded both before keeping them.
        assertTrue(install.out().contains("Installed plugin greet 4.2.0"), install.out());
        assertEquals(
                Map.of(
                        "greet",
                        "dir",
                        "greet/greet-plugin-1.0.0.jar",
                        digestOf("greet-plugin", "1.0.0"),
                        "greet/greet-lib-4.2.0.jar",
                        digestOf("greet-lib", "4.2.0"),
                        "plugins.json",
                        state().get("plugins.json")),
                state());
    }

    @Test
    void aTamperedChecksumRefusesTheUpgradeAndKeepsTheInstalledVersion() throws IOException {
        repository.publishLibrary("1.0.0");
        repository.publishPlugin("greet-plugin", "1.0.0", "1.0.0");
        CliProcess cli = cli(repository.fileUrl());
        assertEquals(
                0,
                cli.run("plugins", "install", "com.example:greet-plugin:1.0.0").exit());
        Map<String, String> before = state();
        repository.publishLibrary("1.1.0");
        repository.publishPlugin("greet-plugin", "1.1.0", "1.1.0");
        Files.writeString(
                repository.root().resolve(MavenRepositoryFixture.path("greet-lib", "1.1.0", ".jar.sha256")),
                "0".repeat(64));

        CliProcess.Result upgrade = cli.run("plugins", "upgrade", "greet");

        assertEquals(1, upgrade.exit(), upgrade.toString());
        assertTrue(upgrade.err().toLowerCase().contains("checksum"), upgrade.err());
        assertEquals(before, state(), "the plugin folder is exactly as before");
    }

    @Test
    void aMissingChecksumOrOnlyAnMd5RefusesTheInstall() throws IOException {
        repository.publishPlugin("greet-plugin", "1.0.0", null);
        String jar = MavenRepositoryFixture.path("greet-plugin", "1.0.0", ".jar");
        Files.delete(repository.root().resolve(jar + ".sha1"));
        Files.delete(repository.root().resolve(jar + ".sha256"));
        Files.writeString(
                repository.root().resolve(jar + ".md5"),
                MavenRepositoryFixture.digest(
                        "MD5", Files.readAllBytes(repository.root().resolve(jar))));

        CliProcess.Result install =
                cli(repository.fileUrl()).run("plugins", "install", "com.example:greet-plugin:1.0.0");

        assertEquals(1, install.exit(), install.toString());
        assertTrue(install.err().contains("Nothing was installed"), install.err());
        assertEquals(Map.of(), state());
    }

    @Test
    void aDownloadCutOffHalfWayInstallsNothing() throws IOException {
        repository.publishLibrary("1.0.0");
        repository.publishPlugin("greet-plugin", "1.0.0", "1.0.0");
        repository.dropped.add(MavenRepositoryFixture.path("greet-lib", "1.0.0", ".jar"));

        CliProcess.Result install =
                cli(repository.httpUrl()).run("plugins", "install", "com.example:greet-plugin:1.0.0");
        repository.close();

        assertEquals(1, install.exit(), install.toString());
        assertEquals(Map.of(), state(), "no plugin, no manifest, no staging folder");
    }

    @Test
    void upgradePicksTheNewerVersionAndThenHasNothingToDo() throws IOException {
        repository.publishPlugin("greet-plugin", "1.0.0", null);
        CliProcess cli = cli(repository.fileUrl());
        assertEquals(
                0,
                cli.run("plugins", "install", "com.example:greet-plugin:1.0.0").exit());
        repository.publishPlugin("greet-plugin", "1.2.0", null);

        CliProcess.Result upgrade = cli.run("plugins", "upgrade");
        CliProcess.Result again = cli.run("plugins", "upgrade");

        assertEquals(0, upgrade.exit(), upgrade.toString());
        assertEquals("Upgraded greet 1.0.0 -> 1.2.0\n", upgrade.out());
        assertEquals("hello from greet 1.2.0\n", cli.run("greet", "hello").out());
        assertEquals("greet 1.2.0 is the newest version\n", again.out(), again.toString());
        assertEquals(0, cli.run("plugins", "uninstall", "greet").exit());
        assertEquals(Map.of("plugins.json", state().get("plugins.json")), state());
    }

    private String digestOf(String artifactId, String version) throws IOException {
        return MavenRepositoryFixture.digest(
                "SHA-256",
                Files.readAllBytes(
                        repository.root().resolve(MavenRepositoryFixture.path(artifactId, version, ".jar"))));
    }
}
