package io.pipecat.cli.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.config.ConfigFile;
import io.pipecat.cli.config.TomlDocument;
import io.pipecat.cli.testkit.FakeBrowser;
import io.pipecat.cli.testkit.FakePipecatCloud;
import io.pipecat.cli.testkit.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A config file whose content is not a config. "Run {@code pipecat cloud auth login} to regenerate
 * it" must work: {@code login} (browser and headless), {@code use-pat} and {@code logout} keep the
 * old bytes in a 0600 backup they name, then write a valid file — and the file is checked before
 * any request, so no token the server issues is thrown away. {@code whoami} and
 * {@code --show-cli-config} refuse in one line naming that fix and never touch the file. A path
 * nothing could replace (a folder, a dangling link) stops the writing commands before any request.
 *
 * <p>Login tests bind the callback ports 8400–8404; JUnit runs this class's methods one at a time.
 */
class MalformedConfigFileTest extends AuthCommandTest {
    private static final String PAT = "pcc_pat_0123456789abcdef";
    private static final String NOTICE =
            "It will be kept as a backup beside it and replaced by a new file when " + "this command succeeds.";
    private static final String FIX = "run `pipecat cloud auth login` (or `pipecat cloud auth use-pat`), which keeps "
            + "a backup of it and writes a new one.";

    /** Every way the content can be wrong, each holding an old token the new file must not carry over. */
    enum Shape {
        BAD_TOML("token = \"at_old_unterminated\norg = acme\n"),
        WRONG_TYPE("token = 12345\norg = \"acme\"\n\n[acme]\ndefault_public_key = \"pk_old\"\n"),
        UNKNOWN_TOP_LEVEL_SCALAR("token = \"at_old\"\norg = \"acme\"\ncolor = \"blue\"\n"),
        UTF8_BOM(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "token = \"at_old\"\norg = \"acme\"\n")),
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

    /** Paths that cannot be backed up and replaced: every writing command must stop before the network. */
    enum Unusable {
        FOLDER {
            @Override
            void create(Path config) throws IOException {
                Files.createDirectories(config);
            }
        },
        DANGLING_SYMLINK {
            @Override
            void create(Path config) throws IOException {
                Files.createDirectories(config.getParent());
                Files.createSymbolicLink(config, config.resolveSibling("missing-target.toml"));
            }
        };

        abstract void create(Path config) throws IOException;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Shape.class)
    void browserLoginBacksUpTheFileAndStoresTheIssuedTokens(Shape shape) throws Exception {
        cli.writeConfig(shape.bytes);
        AuthCli.Result r = cli.run("cloud", "auth", "login", "--timeout", "10");

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("Authentication successful!\n"), r.toString());
        assertBackedUpAndReplaced(shape, r);
        assertStoresTheOneIssuedLogin();
        assertEquals(1, cli.openedUrls().size());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Shape.class)
    void headlessLoginBacksUpTheFileAndStoresTheIssuedTokens(Shape shape) throws Exception {
        cli.writeConfig(shape.bytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<AuthCli.Result> running = CompletableFuture.supplyAsync(
                () -> cli.run(out, "cloud", "auth", "login", "--headless", "--timeout", "10"));
        // The user opens the printed URL; the browser comes back to the loopback callback.
        assertTrue(FakeBrowser.open(awaitPrintedUrl(out)).isSuccess());
        AuthCli.Result r = running.get(15, TimeUnit.SECONDS);

        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of(), cli.openedUrls(), "headless never launches anything");
        assertBackedUpAndReplaced(shape, r);
        assertStoresTheOneIssuedLogin();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Shape.class)
    void usePatBacksUpTheFileAndStoresThePatWithoutPipecatOrg(Shape shape) throws Exception {
        fake.acceptPatAllOrgs(PAT);
        cli.writeConfig(shape.bytes);
        AuthCli.Result r = cli.stdin(PAT + "\n").run("cloud", "auth", "use-pat", "-");

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("Authenticated via PAT. Active organization: acme\n"), r.toString());
        TomlDocument config = assertBackedUpAndReplaced(shape, r);
        assertEquals(PAT, config.getString("token").orElseThrow());
        assertEquals("acme", config.getString("org").orElseThrow());
        if (shape == Shape.WRONG_TYPE) {
            assertEquals("pk_old", config.table("acme").get("default_public_key"), "the org table is kept");
        }
        assertEquals(1, fake.requests("/v1/organizations").size());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Shape.class)
    void logoutBacksUpTheFileAndWritesOneWithoutCredentials(Shape shape) throws Exception {
        cli.writeConfig(shape.bytes);
        AuthCli.Result r = cli.run("cloud", "auth", "logout");

        assertEquals(0, r.exit(), r.toString());
        assertEquals(
                "Local credentials removed. No session was revoked on the server: no refresh token could be "
                        + "read from the malformed config file.\n",
                r.out());
        TomlDocument config = assertBackedUpAndReplaced(shape, r);
        for (String secret : List.of("token", "refresh_token", "token_expires_at")) {
            assertFalse(config.root().containsKey(secret), "no credentials are kept: " + config.root());
        }
        assertKeepsWhatCouldBeRead(shape, config);
        assertEquals(List.of(), fake.requests(), "no refresh token could be read, so nothing is revoked or refreshed");
    }

    /**
     * A file that is TOML but breaks the rule loses only the offending top-level entries: the
     * organisation tables (and a valid org) are kept. Text that is not TOML keeps nothing.
     */
    private static void assertKeepsWhatCouldBeRead(Shape shape, TomlDocument config) {
        switch (shape) {
            case WRONG_TYPE -> {
                assertEquals(
                        "acme",
                        config.getString("org").orElseThrow(),
                        config.root().toString());
                assertEquals(java.util.Map.of("default_public_key", "pk_old"), config.table("acme"));
            }
            case UNKNOWN_TOP_LEVEL_SCALAR -> {
                assertEquals(
                        "acme",
                        config.getString("org").orElseThrow(),
                        config.root().toString());
                assertFalse(config.root().containsKey("color"), config.root().toString());
            }
            default -> assertTrue(config.root().isEmpty(), "nothing that could not be read is kept: " + config.root());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Shape.class)
    void whoamiRefusesInOneLineNamingTheFixAndLeavesTheFileAlone(Shape shape) throws Exception {
        assertReadOnlyRefusal(shape, "cloud", "auth", "whoami");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Shape.class)
    void showCliConfigRefusesInOneLineNamingTheFixAndLeavesTheFileAlone(Shape shape) throws Exception {
        assertReadOnlyRefusal(shape, "cloud", "--show-cli-config");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Unusable.class)
    void browserLoginOnAnUnusablePathStopsBeforeAnyRequestOrBrowser(Unusable path) throws Exception {
        assertStopsBeforeTheNetwork(path, "cloud", "auth", "login", "--timeout", "10");
        assertEquals(List.of(), cli.openedUrls());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Unusable.class)
    void headlessLoginOnAnUnusablePathStopsBeforeAnyRequest(Unusable path) throws Exception {
        assertStopsBeforeTheNetwork(path, "cloud", "auth", "login", "--headless", "--timeout", "10");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Unusable.class)
    void usePatOnAnUnusablePathStopsBeforeTheTokenIsSent(Unusable path) throws Exception {
        fake.acceptPatAllOrgs(PAT);
        cli.stdin(PAT + "\n");
        assertStopsBeforeTheNetwork(path, "cloud", "auth", "use-pat", "-");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Unusable.class)
    void logoutOnAnUnusablePathStopsBeforeAnyRequest(Unusable path) throws Exception {
        assertStopsBeforeTheNetwork(path, "cloud", "auth", "logout");
    }

    /**
     * The old bytes are in exactly one new 0600 backup beside the file, named on stderr; the user
     * was told once, before anything happened; the file now is a valid 0600 config.
     *
     * @return the new file, parsed
     */
    private TomlDocument assertBackedUpAndReplaced(Shape shape, AuthCli.Result r) throws IOException {
        List<Path> backups = backups();
        assertEquals(1, backups.size(), "one backup: " + backups + "\n" + r);
        Path backup = backups.get(0);
        assertArrayEquals(shape.bytes, Files.readAllBytes(backup), "the backup holds the exact old bytes");
        assertEquals("rw-------", mode(backup));
        assertTrue(r.err().contains(backup.toString()), "the backup is named on stderr: " + r);
        assertEquals(1, occurrences(r.err(), NOTICE), "warned once, up front: " + r);
        assertTrue(r.err().startsWith("Warning: Config file " + cli.configPath() + " "), r.toString());
        assertEquals("rw-------", mode(cli.configPath()));
        return new ConfigFile(cli.configPath(), warning -> {
                    throw new AssertionError("unexpected warning on a fresh file: " + warning);
                })
                .read();
    }

    /** The login the fake issued is the one stored: nothing issued was thrown away, nothing old kept. */
    private void assertStoresTheOneIssuedLogin() {
        assertEquals(1, fake.requests(FakePipecatCloud.TOKEN_PATH).size(), "one code exchange");
        List<Tokens> issued = fake.issuedTokens();
        assertEquals(1, issued.size());
        TomlDocument config = new ConfigFile(cli.configPath(), warning -> {}).read();
        assertEquals(issued.get(0).accessToken(), config.getString("token").orElseThrow());
        assertEquals(
                issued.get(0).refreshToken(), config.getString("refresh_token").orElseThrow());
        assertEquals("acme", config.getString("org").orElseThrow());
    }

    private void assertReadOnlyRefusal(Shape shape, String... args) throws Exception {
        cli.writeConfig(shape.bytes);
        // Readable by others: a read-only command must not even repair the mode of a file that is not a config.
        Files.setPosixFilePermissions(cli.configPath(), PosixFilePermissions.fromString("rw-r--r--"));
        AuthCli.Result r = cli.run(args);

        assertEquals(1, r.exit(), r.toString());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), "one line: " + r);
        assertTrue(r.err().startsWith("Config file " + cli.configPath() + " "), r.toString());
        assertTrue(r.err().endsWith(FIX + "\n"), r.toString());
        assertArrayEquals(shape.bytes, Files.readAllBytes(cli.configPath()));
        assertEquals("rw-r--r--", mode(cli.configPath()));
        assertEquals(List.of(), backups());
        assertEquals(List.of(), fake.requests());
    }

    private void assertStopsBeforeTheNetwork(Unusable path, String... args) throws Exception {
        path.create(cli.configPath());
        AuthCli.Result r = cli.run(args);

        assertEquals(1, r.exit(), r.toString());
        assertEquals("", r.out(), "no URL printed, nothing stored");
        assertEquals(1, r.err().lines().count(), "one line: " + r);
        assertTrue(r.err().startsWith("Config file " + cli.configPath() + " "), r.toString());
        assertEquals(List.of(), fake.requests(), "no request at all, so no token was issued");
        assertEquals(path == Unusable.FOLDER, Files.isDirectory(cli.configPath()));
        assertEquals(path == Unusable.DANGLING_SYMLINK, Files.isSymbolicLink(cli.configPath()));
        assertFalse(Files.exists(cli.configPath().resolveSibling("missing-target.toml")));
        assertEquals(List.of(), backups());
    }

    private List<Path> backups() throws IOException {
        Path folder = cli.configPath().getParent();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith("pipecatcloud.toml.bak-"))
                    .sorted()
                    .toList();
        }
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static final Pattern URL_LINE = Pattern.compile("(?m)^(http://\\S+)$");

    private static String awaitPrintedUrl(ByteArrayOutputStream out) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            Matcher m = URL_LINE.matcher(out.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no URL printed on stdout: " + out);
    }

    private static byte[] concat(byte[] first, String text) {
        return concat(first, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
