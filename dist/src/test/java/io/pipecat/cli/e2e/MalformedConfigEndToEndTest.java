package io.pipecat.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.e2e.CliProcess.Result;
import io.pipecat.cli.testkit.FakeBrowser;
import io.pipecat.cli.testkit.FakePipecatCloud;
import io.pipecat.cli.testkit.Tokens;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A config file that is not a valid config, through the real CLI process. "If the file becomes
 * malformed, run {@code pipecat cloud auth login} to regenerate it" works: login (a real BROWSER
 * command, and headless), use-pat and logout keep the old bytes in a 0600 backup they name, then
 * write a valid file, and nothing the fake issued is thrown away. whoami and --show-cli-config
 * refuse in one line and leave the file exactly as it was, mode included, even through a symlink
 * to some other file. A folder in the file's place stops login before any request.
 */
class MalformedConfigEndToEndTest {
    private static final String NOTICE =
            "It will be kept as a backup beside it and replaced by a new file when " + "this command succeeds.";
    private static final String FIX = "run `pipecat cloud auth login` (or `pipecat cloud auth use-pat`), which keeps "
            + "a backup of it and writes a new one.\n";

    enum Shape {
        BAD_TOML("token = \"at_old_unterminated\norg = acme\n"),
        WRONG_TYPE("token = 12345\norg = \"acme\"\n\n[acme]\ndefault_public_key = \"pk_old\"\n"),
        UNKNOWN_TOP_LEVEL_SCALAR("token = \"at_old\"\norg = \"acme\"\ncolor = \"blue\"\n"),
        UTF8_BOM(concat(
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "token = \"at_old\"\norg = \"acme\"\n".getBytes(StandardCharsets.UTF_8))),
        INVALID_UTF8(concat(
                "token = \"at_old\"\norg = \"ac".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xFF},
                "me\"\n".getBytes(StandardCharsets.UTF_8)));

        final byte[] bytes;

        Shape(String text) {
            this(text.getBytes(StandardCharsets.UTF_8));
        }

        Shape(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    @TempDir
    Path home;

    private FakePipecatCloud fake;
    private CliProcess cli;
    private Path config;

    @BeforeEach
    void start() {
        fake = FakePipecatCloud.start();
        cli = new CliProcess(home).env("PIPECAT_API_HOST", fake.baseUrl());
        config = home.resolve(".config/pipecatcloud/pipecatcloud.toml");
    }

    @AfterEach
    void stop() {
        fake.assertNoUnexpectedRequests();
        fake.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Shape.class)
    void browserLoginBacksUpTheMalformedFileAndStoresTheIssuedLogin(Shape shape) throws Exception {
        write(shape.bytes, "rw-------");
        Result login = cli.env("BROWSER", AuthEndToEndTest.fakeBrowserCommand()).run("cloud", "auth", "login");

        assertEquals(0, login.exit(), login.err());
        assertTrue(login.out().contains("Authentication successful!"), login.out());
        assertBackedUpAndReplaced(shape.bytes, login.err());
        assertStoresTheOneIssuedLogin();
        Result whoami = cli.run("cloud", "auth", "whoami");
        assertEquals(0, whoami.exit(), "the new file works: " + whoami.err());
    }

    @Test
    void headlessLoginBacksUpTheMalformedFileAndStoresTheIssuedLogin() throws Exception {
        write(Shape.WRONG_TYPE.bytes, "rw-r--r--");
        Process login = cli.start("cloud", "auth", "login", "--headless", "--timeout", "30");
        BufferedReader out = new BufferedReader(new InputStreamReader(login.getInputStream(), StandardCharsets.UTF_8));
        String url = out.readLine();
        while (url != null && !url.startsWith("http://")) {
            url = out.readLine();
        }
        assertTrue(url != null, "a URL is printed");
        assertTrue(FakeBrowser.open(url).isSuccess());
        assertTrue(login.waitFor(30, TimeUnit.SECONDS));
        String err = new String(login.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, login.exitValue(), err);
        assertBackedUpAndReplaced(Shape.WRONG_TYPE.bytes, err);
        assertStoresTheOneIssuedLogin();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Shape.class)
    void usePatBacksUpTheMalformedFileWithoutPipecatOrg(Shape shape) throws Exception {
        fake.acceptPatAllOrgs("pcc_pat_e2e");
        write(shape.bytes, "rw-------");
        Result pat = cli.stdin("pcc_pat_e2e\n").run("cloud", "auth", "use-pat", "-");

        assertEquals(0, pat.exit(), pat.err());
        assertTrue(pat.out().startsWith("Authenticated via PAT. Active organization: acme\n"), pat.out());
        assertBackedUpAndReplaced(shape.bytes, pat.err());
        String file = Files.readString(config);
        assertTrue(file.contains("token = \"pcc_pat_e2e\"") && file.contains("org = \"acme\""), file);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Shape.class)
    void logoutBacksUpTheMalformedFileAndWritesOneWithoutCredentials(Shape shape) throws Exception {
        write(shape.bytes, "rw-------");
        Result logout = cli.run("cloud", "auth", "logout");

        assertEquals(0, logout.exit(), logout.err());
        assertEquals(
                "Local credentials removed. No session was revoked on the server: no refresh token could be "
                        + "read from the malformed config file.\n",
                logout.out());
        assertBackedUpAndReplaced(shape.bytes, logout.err());
        assertKeepsOnlyWhatCouldBeReadWithoutCredentials(shape, Files.readString(config));
        assertEquals(List.of(), fake.requests());
        Result again = cli.run("cloud", "auth", "whoami");
        assertEquals(4, again.exit(), "a valid file without a login: " + again.err());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Shape.class)
    void readOnlyCommandsRefuseInOneLineAndNeverChangeTheFile(Shape shape) throws Exception {
        write(shape.bytes, "rw-r--r--");
        for (String[] command :
                List.of(new String[] {"cloud", "auth", "whoami"}, new String[] {"cloud", "--show-cli-config"})) {
            Result r = cli.run(command);
            String shown = String.join(" ", command);
            assertEquals(1, r.exit(), shown + ": " + r.err());
            assertEquals("", r.out(), shown);
            assertEquals(1, r.err().lines().count(), shown + ": " + r.err());
            assertTrue(
                    r.err().startsWith("Config file " + config + " ") && r.err().endsWith(FIX), shown + ": " + r.err());
        }
        assertArrayEquals(shape.bytes, Files.readAllBytes(config));
        assertEquals("rw-r--r--", mode(config), "not even the mode of a file that is not a config");
        assertEquals(List.of(), backups());
        assertEquals(List.of(), fake.requests());
    }

    @Test
    void showCliConfigThroughASymlinkToA0644NonTomlFileLeavesItAsItWas() throws Exception {
        Path notes = Files.writeString(home.resolve("notes.txt"), "shopping list: milk, eggs\n");
        Files.setPosixFilePermissions(notes, PosixFilePermissions.fromString("rw-r--r--"));
        Path link = Files.createSymbolicLink(home.resolve("pipecat-link.toml"), notes);

        Result show = cli.env("PIPECAT_CONFIG_PATH", link.toString()).run("cloud", "--show-cli-config");

        assertEquals(1, show.exit(), show.err());
        assertTrue(show.err().startsWith("Config file " + link + " is not valid TOML"), show.err());
        assertEquals(1, show.err().lines().count(), show.err());
        assertEquals("rw-r--r--", mode(notes));
        assertEquals("shopping list: milk, eggs\n", Files.readString(notes));
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void aFolderInTheFilesPlaceStopsLoginBeforeAnyRequestOrBrowser() throws Exception {
        Files.createDirectories(config);
        Result login = cli.env("BROWSER", "false").run("cloud", "auth", "login");

        assertEquals(1, login.exit(), login.err());
        assertEquals("", login.out(), "no URL printed");
        assertTrue(login.err().startsWith("Config file " + config + " is a directory"), login.err());
        assertEquals(List.of(), fake.requests(), "no request, so no token was issued and thrown away");
        assertTrue(Files.isDirectory(config));
    }

    /**
     * With the keychain store the refresh token is still readable from the keychain, so logout on a
     * malformed file revokes the session, removes the keychain item and replaces the file.
     */
    @Test
    void keyringLogoutOnAMalformedFileRevokesRemovesTheItemAndReplacesTheFile() throws Exception {
        String bus = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        boolean available = bus != null && !bus.isBlank();
        if (!available && "1".equals(System.getenv("PIPECAT_REQUIRE_KEYRING_TESTS"))) {
            throw new AssertionError(
                    "PIPECAT_REQUIRE_KEYRING_TESTS=1 but there is no D-Bus session (use scripts/test.sh)");
        }
        Assumptions.assumeTrue(available, "no D-Bus session: keyring test skipped (use scripts/test.sh)");
        cli.env("DBUS_SESSION_BUS_ADDRESS", bus).env("PIPECAT_CREDENTIAL_STORE", "keyring");
        try {
            Result login =
                    cli.env("BROWSER", AuthEndToEndTest.fakeBrowserCommand()).run("cloud", "auth", "login");
            assertEquals(0, login.exit(), login.err());
            Tokens issued = fake.issuedTokens().get(0);
            assertTrue(secretTool("lookup", "service", "pipecat-cli", "account", fake.baseUrl())
                    .contains(issued.refreshToken()));
            write(Shape.UNKNOWN_TOP_LEVEL_SCALAR.bytes, "rw-------");

            Result logout = cli.run("cloud", "auth", "logout");

            assertEquals(0, logout.exit(), logout.err());
            assertEquals("Logged out and session revoked.\n", logout.out());
            assertTrue(fake.isRefreshTokenRevoked(issued.refreshToken()));
            assertEquals(
                    "",
                    secretTool("search", "--all", "service", "pipecat-cli", "account", fake.baseUrl()),
                    "the keychain item is gone");
            assertBackedUpAndReplaced(Shape.UNKNOWN_TOP_LEVEL_SCALAR.bytes, logout.err());
            assertKeepsOnlyWhatCouldBeReadWithoutCredentials(Shape.UNKNOWN_TOP_LEVEL_SCALAR, Files.readString(config));
        } finally {
            secretTool("clear", "service", "pipecat-cli", "account", fake.baseUrl());
        }
    }

    private void write(byte[] bytes, String mode) throws IOException {
        Files.createDirectories(config.getParent());
        Files.write(config, bytes);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString(mode));
    }

    /** One new 0600 backup with the exact old bytes, named on stderr after one notice; a valid 0600 file. */
    private void assertBackedUpAndReplaced(byte[] old, String err) throws IOException {
        List<Path> backups = backups();
        assertEquals(1, backups.size(), backups + "\n" + err);
        assertArrayEquals(old, Files.readAllBytes(backups.get(0)));
        assertEquals("rw-------", mode(backups.get(0)));
        assertTrue(err.contains(backups.get(0).toString()), "the backup is named: " + err);
        assertEquals(1, err.split(java.util.regex.Pattern.quote(NOTICE), -1).length - 1, "told once: " + err);
        assertEquals("rw-------", mode(config));
        Result show = cli.run("cloud", "--show-cli-config");
        assertEquals(0, show.exit(), "the new file is a valid config: " + show.err());
        assertEquals("", show.err());
    }

    private void assertStoresTheOneIssuedLogin() throws IOException {
        assertEquals(1, fake.requests(FakePipecatCloud.TOKEN_PATH).size(), "one code exchange");
        assertEquals(1, fake.issuedTokens().size());
        Tokens issued = fake.issuedTokens().get(0);
        String file = Files.readString(config);
        assertTrue(file.contains("token = \"" + issued.accessToken() + "\""), file);
        assertTrue(file.contains("refresh_token = \"" + issued.refreshToken() + "\""), file);
        assertTrue(file.contains("org = \"acme\""), file);
    }

    private List<Path> backups() throws IOException {
        try (Stream<Path> files = Files.list(config.getParent())) {
            return files.filter(p -> p.getFileName().toString().startsWith("pipecatcloud.toml.bak-"))
                    .sorted()
                    .toList();
        }
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    }

    private static String secretTool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("secret-tool"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        return out.trim();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /**
     * After a logout on a malformed file: no credential is left, and a file that was TOML keeps what
     * the official CLI's rule allows (the org and its table); other text keeps nothing.
     */
    private static void assertKeepsOnlyWhatCouldBeReadWithoutCredentials(Shape shape, String file) {
        for (String secret : List.of("token", "refresh_token", "token_expires_at")) {
            assertFalse(file.contains(secret + " ="), "no credentials are kept: " + file);
        }
        switch (shape) {
            case WRONG_TYPE ->
                assertTrue(
                        file.contains("org = \"acme\"")
                                && file.contains("[acme]")
                                && file.contains("default_public_key = \"pk_old\""),
                        "the org table is kept: " + file);
            case UNKNOWN_TOP_LEVEL_SCALAR ->
                assertTrue(
                        file.contains("org = \"acme\"") && !file.contains("color"),
                        "the org is kept, the unknown value dropped: " + file);
            default -> assertEquals("", file, "nothing it could not read is kept");
        }
    }
}
