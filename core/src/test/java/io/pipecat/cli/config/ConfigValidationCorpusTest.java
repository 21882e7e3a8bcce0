package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of broken config files (mostly generated): each is rejected by read() and update() with
 * a one-line message naming the file, the problem, the line, and the fix; no secret leaks; the
 * bytes stay untouched.
 */
class ConfigValidationCorpusTest {

    /** Every broken file contains this; no message may contain it (or a large piece of it). */
    static final String SECRET = "SECRETSECRET";

    private static final String CREDENTIALS =
            "token = \"eyJ" + SECRET + "\"\norg = \"acme\"\n"; // 2 lines: errors below are on line 3+

    record Broken(String name, byte[] bytes, String expected, int line) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> brokenFiles() {
        List<Broken> cases = new ArrayList<>();
        // 1. Not TOML at all: syntax errors on line 3, some echoing secret-like input.
        String[] syntax = {
            "x = " + SECRET,
            "x = \"" + SECRET,
            "x = '" + SECRET,
            "x = \"a\\q" + SECRET + "\"",
            "x = 12" + SECRET,
            "x = 0x" + SECRET,
            "x = [1, 2",
            "x = {a = 1",
            "x = {a = 1,}",
            "[acme",
            "[[acme]",
            "x =",
            "= 1",
            SECRET,
            "x = 1979-13-45",
            "x = 99999999999999999999999",
            "org = \"dup\"",
            "x = \"\\e\"",
            "x = {a = 1,\n b = 2}",
            "x = 1 2",
            "org.x = 1",
            "x = \"\u0001" + SECRET + "\"",
            "x = tru",
            "x = \"\\uD800\"",
        };
        for (String s : syntax) {
            cases.add(new Broken("syntax: " + s, utf8(CREDENTIALS + s + "\n"), "is not valid TOML", 3));
        }
        cases.add(new Broken(
                "unterminated multi-line string",
                utf8(CREDENTIALS + "x = \"\"\"" + SECRET + "\n"),
                "is not valid TOML",
                4)); // reported where the input ends
        // 2. Top-level plain values other than the four known ones.
        String[] values = {
            "1", "1.5", "true", "\"" + SECRET + "\"", "1979-05-27", "07:32:00", "[1, 2]", "[]", "[{a = 1}]"
        };
        String[] keys = {"foo", "acme", "default_public_key", "Token", "\"tok en\""};
        int i = 0;
        for (String v : values) {
            String key = keys[i++ % keys.length];
            cases.add(new Broken(
                    "unexpected " + key + " = " + v,
                    utf8(CREDENTIALS + key + " = " + v + "\n"),
                    "unexpected top-level",
                    3));
        }
        cases.add(new Broken(
                "array of tables at top level",
                utf8(CREDENTIALS + "[[acme]]\nk = 1\n"),
                "unexpected top-level array",
                3));
        // 3. Known keys with the wrong type.
        String[][] wrong = {
            {"token", "5", "'token' as an integer"},
            {"token", "1.5", "'token' as a float"},
            {"token", "true", "'token' as a boolean"},
            {"token", "[]", "'token' as an array"},
            {"token", "{a = 1}", "'token' as a table"},
            {"org", "[]", "'org' as an array"},
            {"org", "1979-05-27T07:32:00Z", "'org' as an offset date-time"},
            {"refresh_token", "0", "'refresh_token' as an integer"},
            {"token_expires_at", "\"soon\"", "'token_expires_at' as a string"},
            {"token_expires_at", "true", "'token_expires_at' as a boolean"},
            {"token_expires_at", "[0]", "'token_expires_at' as an array"},
            {"token_expires_at", "{}", "'token_expires_at' as a table"},
            {"token_expires_at", "1979-05-27", "'token_expires_at' as a local date"},
        };
        for (String[] w : wrong) {
            String prefix = w[0].equals("token")
                    ? "org = \"acme\"\nrefresh_token = \"" + SECRET + "\"\n"
                    : "token = \"" + SECRET + "\"\n# comment\n";
            cases.add(new Broken(w[0] + " = " + w[1], utf8(prefix + w[0] + " = " + w[1] + "\n"), w[2], 3));
        }
        cases.add(new Broken(
                "[token] section", utf8("# comment\norg = \"acme\"\n[token]\nk = 1\n"), "'token' as a table", 3));
        cases.add(new Broken(
                "[[org]] array of tables", utf8("token = \"" + SECRET + "\"\n\n[[org]]\n"), "'org' as an array", 3));
        // 4. Bytes that are not UTF-8, in values, comments and keys.
        byte[][] badBytes = {
            {(byte) 0xFF},
            {(byte) 0xC0, (byte) 0x80},
            {(byte) 0x80},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        };
        for (byte[] bad : badBytes) {
            cases.add(new Broken(
                    "bad UTF-8 in value " + hex(bad),
                    concat(utf8(CREDENTIALS + "x = \"a"), bad, utf8("b\"\n")),
                    "not valid UTF-8 text (line 3",
                    3));
            cases.add(new Broken(
                    "bad UTF-8 in comment " + hex(bad),
                    concat(utf8(CREDENTIALS + "\n# c "), bad, utf8("\n")),
                    "not valid UTF-8 text (line 4",
                    4));
        }
        cases.add(new Broken(
                "truncated UTF-8 at end of file",
                concat(utf8(CREDENTIALS + "x = \"\u00e9"), new byte[] {(byte) 0xE2, (byte) 0x82}),
                "not valid UTF-8",
                3));
        cases.add(new Broken(
                "Latin-1 file",
                concat(utf8(CREDENTIALS + "[caf"), new byte[] {(byte) 0xE9}, utf8("]\n")),
                "not valid UTF-8",
                3));
        cases.add(new Broken(
                "UTF-16 file",
                ("token = \"" + SECRET + "\"\n").getBytes(StandardCharsets.UTF_16),
                "not valid UTF-8 text (line 1, byte 0)",
                1));
        return cases.stream().map(c -> Arguments.of(c));
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("brokenFiles")
    void rejectedWithAClearOneLineMessageAndBytesUntouched(Broken broken) throws Exception {
        Path file = dir.resolve("pipecatcloud.toml");
        Files.write(file, broken.bytes());
        Files.setPosixFilePermissions(file, FilePermissions.FILE_0600);
        TestFiles.Warnings warnings = new TestFiles.Warnings();
        ConfigFile config = new ConfigFile(file, warnings);

        ConfigFileException e = assertThrows(ConfigFileException.class, config::read);
        assertMessage(broken, file, e);
        assertArrayEquals(broken.bytes(), Files.readAllBytes(file));

        ConfigFileException onUpdate = assertThrows(
                ConfigFileException.class, () -> config.update(doc -> doc.root().put("org", "other")));
        assertEquals(e.getMessage(), onUpdate.getMessage());
        assertArrayEquals(broken.bytes(), Files.readAllBytes(file));
        assertTrue(warnings.lines.isEmpty(), warnings.lines.toString());
    }

    static void assertMessage(Broken broken, Path file, ConfigFileException e) {
        String m = e.getMessage();
        assertTrue(m.startsWith("Config file " + file + " "), m);
        assertTrue(m.contains(broken.expected()), m);
        if (broken.line() > 0) {
            assertTrue(m.contains("line " + broken.line()), m);
        }
        // Malformed content is what login and use-pat back up and replace: the message says so.
        assertInstanceOf(MalformedConfigFileException.class, e);
        assertTrue(
                m.endsWith(". Fix it by hand, or run `pipecat cloud auth login` (or `pipecat cloud auth"
                        + " use-pat`), which keeps a backup of it and writes a new one."),
                m);
        assertFalse(m.contains("\n") || m.contains("\r"), m);
        assertFalse(m.contains("SECRET") || m.contains("ECRET") || m.contains("eyJ"), m);
        assertFalse(m.contains("acme\"") || m.contains("soon"), m);
        assertSame(file, e.file());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02X", b));
        }
        return sb.toString();
    }
}
