package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/** Random strings full of control characters, quotes, backslashes and unicode survive writing. */
class StringRoundTripPropertyTest {

    private static final String SPECIAL = "\"\\'#=[]{}.,\n\r\t\b\f \u00e9\u4e2d\u2028\u2029\u0085\ufeff\u00a0";

    static String randomString(Random random) {
        int length = random.nextInt(40);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            switch (random.nextInt(6)) {
                case 0 -> sb.append((char) random.nextInt(0x20)); // C0 controls
                case 1 -> sb.append('\u007f');
                case 2 -> sb.append(SPECIAL.charAt(random.nextInt(SPECIAL.length())));
                case 3 -> sb.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000)); // astral
                case 4 -> {
                    int cp = random.nextInt(0xFFFF);
                    if (!Character.isSurrogate((char) cp)) {
                        sb.appendCodePoint(cp);
                    }
                }
                default -> sb.append((char) (0x20 + random.nextInt(0x5F))); // printable ASCII
            }
        }
        return sb.toString();
    }

    @Test
    void randomStringsAsValuesKeysAndTableNames() throws Exception {
        Random random = new Random(20261129);
        for (int i = 0; i < 1_500; i++) {
            String value = randomString(random);
            String key = randomString(random);
            String table = randomString(random);
            TomlDocument doc = TomlDocument.empty();
            doc.root().put("token", value);
            doc.tableOrCreate(table).put(key, value);
            String written = doc.toToml();

            TomlDocument back = TomlDocument.parse(written);
            assertEquals(value, back.getString("token").orElseThrow(), written);
            assertEquals(value, back.table(table).get(key), written);

            TomlParseResult tomlj = Toml.parse(written, TomlReader.VERSION);
            assertTrue(tomlj.errors().isEmpty(), written + tomlj.errors());
            assertEquals(value, tomlj.getString("token"));
            assertTrue(written.chars().noneMatch(c -> c < 0x20 && c != '\n' || c == 0x7f), written);
        }
    }
}
