package io.pipecat.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.e2e.CliProcess.Result;
import io.pipecat.cli.testkit.FakePipecatCloud;
import io.pipecat.cli.testkit.RefreshTokenStatus;
import io.pipecat.cli.testkit.Tokens;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token the server issues is never lost to a local failure: before the refresh token is spent
 * (the issuer rotates it), the CLI proves the result can be stored. When it cannot, the command
 * fails in one line naming the file and the cause, sends nothing, changes nothing, and once the
 * fault is gone the same session still works. Two real faults: a full tmpfs (needs mount, so
 * root) and a file size limit of zero ({@code ulimit -f 0}: no file may grow; runs everywhere).
 */
class RefreshOnAFullDiskEndToEndTest {
    @TempDir
    Path home;

    private FakePipecatCloud fake;
    private Path config;
    private Path mounted;

    @BeforeEach
    void start() {
        fake = FakePipecatCloud.start().acceptPat("pcc_pat_full", "acme");
        config = home.resolve(".config/pipecatcloud/pipecatcloud.toml");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (mounted != null) {
                Process p = new ProcessBuilder("umount", mounted.toString())
                        .redirectErrorStream(true)
                        .start();
                assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, "umount " + mounted);
            }
        } finally {
            fake.assertNoUnexpectedRequests();
            fake.close();
        }
    }

    @Test
    void aFileSizeLimitStopsTheRefreshBeforeItIsSentAndTheSessionSurvives() throws Exception {
        Tokens login = fake.issueTokens(3600);
        byte[] before = writeExpiredLogin(login);
        CliProcess cli = new CliProcess(home).env("PIPECAT_API_HOST", fake.baseUrl());

        Result limited = cli.fileSizeLimitKib(0).run("cloud", "auth", "whoami");

        assertFailedCleanly(limited, "File too large", before, login);
        assertSessionStillWorks(new CliProcess(home).env("PIPECAT_API_HOST", fake.baseUrl()), login);
    }

    @Test
    void aFullDiskStopsTheRefreshBeforeItIsSentAndTheSessionSurvivesOnceSpaceIsFreed() throws Exception {
        mountSmallTmpfs(config.getParent());
        Tokens login = fake.issueTokens(3600);
        byte[] before = writeExpiredLogin(login);
        Path filler = fill(config.resolveSibling("filler"));
        CliProcess cli = new CliProcess(home).env("PIPECAT_API_HOST", fake.baseUrl());

        Result full = cli.run("cloud", "auth", "whoami");
        assertFailedCleanly(full, "No space left on device", before, login);

        Files.delete(filler);
        assertSessionStillWorks(cli, login);
    }

    @Test
    void loginAndUsePatOnAFullDiskFailBeforeAnyTokenIsRequested() throws Exception {
        mountSmallTmpfs(config.getParent());
        Path filler = fill(config.resolveSibling("filler"));
        CliProcess cli =
                new CliProcess(home).env("PIPECAT_API_HOST", fake.baseUrl()).env("BROWSER", "false");

        Result pat = cli.stdin("pcc_pat_full\n").run("cloud", "auth", "use-pat", "-");
        assertEquals(1, pat.exit(), pat.err());
        assertOneLineNaming(pat.err(), "No space left on device");
        Result login = cli.run("cloud", "auth", "login", "--headless", "--timeout", "5");
        assertEquals(1, login.exit(), login.err());
        assertOneLineNaming(login.err(), "No space left on device");
        assertEquals(List.of(), fake.requests(), "nothing asked of the server");

        Files.delete(filler);
        Result patAgain = cli.stdin("pcc_pat_full\n").run("cloud", "auth", "use-pat", "-");
        assertEquals(0, patAgain.exit(), patAgain.err());
    }

    private void assertFailedCleanly(Result result, String cause, byte[] before, Tokens login) throws Exception {
        assertEquals(1, result.exit(), result.err());
        assertOneLineNaming(result.err(), cause);
        assertTrue(fake.requests(FakePipecatCloud.TOKEN_PATH).isEmpty(), "the refresh token was not spent");
        assertEquals(RefreshTokenStatus.ACTIVE, fake.refreshTokenStatus(login.refreshToken()));
        assertTrue(fake.requests("/v1/users").isEmpty(), "no call with the expired token");
        assertArrayEquals(before, Files.readAllBytes(config), "the config is unchanged");
        try (Stream<Path> files = Files.list(config.getParent())) {
            assertEquals(
                    List.of(),
                    files.map(p -> p.getFileName().toString())
                            .filter(n -> n.contains(".tmp-"))
                            .toList());
        }
    }

    private void assertOneLineNaming(String err, String cause) {
        assertTrue(err.endsWith("\n") && err.indexOf('\n') == err.length() - 1, "one line: " + err);
        assertTrue(err.startsWith("Config file " + config + " cannot take a new write (" + cause + ")"), err);
    }

    private void assertSessionStillWorks(CliProcess cli, Tokens login) throws Exception {
        Result whoami = cli.run("cloud", "auth", "whoami");
        assertEquals(0, whoami.exit(), whoami.err());
        assertEquals(
                login.refreshToken(),
                fake.requests(FakePipecatCloud.TOKEN_PATH)
                        .get(0)
                        .formParam("refresh_token")
                        .orElseThrow());
        Tokens rotated = fake.issuedTokens().get(1);
        assertTrue(Files.readString(config).contains("refresh_token = \"" + rotated.refreshToken() + "\""));
    }

    private byte[] writeExpiredLogin(Tokens login) throws Exception {
        Files.createDirectories(config.getParent());
        Files.writeString(
                config,
                "token = \"" + login.accessToken() + "\"\norg = \"acme\"\nrefresh_token = \"" + login.refreshToken()
                        + "\"\ntoken_expires_at = 1000.5\n\n[acme]\ndefault_public_key = \"pk_1\"\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        return Files.readAllBytes(config);
    }

    private void mountSmallTmpfs(Path dir) throws Exception {
        Files.createDirectories(dir);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", dir.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        boolean ok = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        Assumptions.assumeTrue(
                ok, "cannot mount a small tmpfs here (needs root); the ulimit test covers the fault: " + out);
        mounted = dir;
    }

    /** Writes zeros until the file system is full. */
    private static Path fill(Path filler) throws IOException {
        try (OutputStream out = Files.newOutputStream(filler)) {
            byte[] chunk = new byte[4096];
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        return filler;
    }
}
