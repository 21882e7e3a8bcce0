package io.pipecat.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JsonTrees} against the reference, the mapper's {@code readTree} (configured as
 * {@link ApiResponse#jsonMapper()}): on every input both give the same tree, node type for node type
 * and key order for key order, or fail with the same exception and message.
 */
class JsonTreesDifferentialTest {
    private static final ObjectMapper REFERENCE = ApiResponse.jsonMapper();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   \n",
                "null",
                "0",
                "-0",
                "2147483647",
                "2147483648",
                "-2147483649",
                "9223372036854775807",
                "9223372036854775808",
                "-92233720368547758080",
                "1.5",
                "-0.0",
                "1e400",
                "1E-400",
                "3.141592653589793238462643383279",
                "\"\\u00e9\\ud83d\\ude00\\n\\\"\"",
                "{\"a\":1,\"b\":2,\"a\":3}",
                "{\"a\":{\"x\":1},\"a\":[2]}",
                "[1,[2,[3,[]]],{}]",
                "{} trailing garbage",
                "[1] [2]",
                "true false",
                "{\"user\":{\"userId\":\"u1\",\"emails\":[{\"emailAddress\":\"a@b.c\"}]}}",
                "{",
                "[1,]",
                "{\"a\" 1}",
                "{\"a\":1,}",
                "[1}",
                "NaN",
                "01",
                "'single'",
                "\"unterminated",
                "{\"a\":tru}",
                "\u00ef\u00bb\u00bf{}",
            })
    void agreesWithTheMapperOn(String json) {
        // Latin-1: the inputs are ASCII but for the last, the UTF-8 bytes of a byte order mark.
        assertAgree(json.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void agreesWithTheMapperOnGeneratedDocumentsAndTheirCorruptions() {
        Random random = new Random(20261130L);
        int failures = 0;
        for (int i = 0; i < 3000; i++) {
            String json = value(random, 0);
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            assertAgree(bytes);
            byte[] corrupt = corrupt(random, bytes);
            if (!assertAgree(corrupt)) {
                failures++;
            }
        }
        // The corruptions must really exercise the error path, not only produce more valid JSON.
        assertTrue(failures > 500, "corrupted documents that failed to parse: " + failures);
    }

    @Test
    void deeplyNestedDocumentsAgreeUpToTheParsersDepthLimit() {
        for (int depth : new int[] {10, 999, 1000, 1001, 5000}) {
            assertAgree(("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8));
            assertAgree(("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** @return whether the input parsed */
    private static boolean assertAgree(byte[] input) {
        JsonNode expected = null;
        Exception expectedError = null;
        try {
            expected = REFERENCE.readTree(input);
        } catch (Exception e) {
            expectedError = e;
        }
        JsonNode actual = null;
        Exception actualError = null;
        try {
            actual = JsonTrees.read(input);
        } catch (Exception e) {
            actualError = e;
        }
        String what = new String(input, StandardCharsets.UTF_8);
        if (expectedError != null) {
            assertTrue(actualError != null, "the mapper failed (" + expectedError + ") but JsonTrees read: " + what);
            assertEquals(expectedError.getClass(), actualError.getClass(), what);
            assertEquals(expectedError.getMessage(), actualError.getMessage(), what);
            return false;
        }
        assertTrue(actualError == null, "JsonTrees failed (" + actualError + ") on what the mapper read: " + what);
        assertSameTree(expected, actual, what);
        return true;
    }

    private static void assertSameTree(JsonNode expected, JsonNode actual, String what) {
        assertEquals(expected.getClass(), actual.getClass(), what);
        assertEquals(expected, actual, what);
        assertEquals(expected.toString(), actual.toString(), what);
        if (expected.isContainerNode()) {
            Iterator<JsonNode> a = actual.elements();
            for (JsonNode e : (Iterable<JsonNode>) expected::elements) {
                assertSameTree(e, a.next(), what);
            }
            if (expected.isObject()) {
                List<String> expectedNames = new ArrayList<>();
                expected.fieldNames().forEachRemaining(expectedNames::add);
                List<String> actualNames = new ArrayList<>();
                actual.fieldNames().forEachRemaining(actualNames::add);
                assertEquals(expectedNames, actualNames, what);
            }
        }
    }

    // ---- generation ---------------------------------------------------------------------------

    private static final List<String> NUMBERS = List.of(
            "0",
            "-1",
            "7",
            "2147483647",
            "2147483648",
            "-2147483648",
            "-2147483649",
            "9223372036854775807",
            "9223372036854775808",
            "123456789012345678901234567890",
            "0.5",
            "-2.25e10",
            "1E3",
            "6.02e+23",
            "1e-7",
            "1.7976931348623157E309",
            "4.9e-325",
            "0.1000000000000000055511151231257827");
    private static final List<String> KEYS = List.of("token", "user", "a", "a", "emails", "é", "\\u0041", "");

    private static String value(Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 6 : 8);
        switch (kind) {
            case 0:
                return "null";
            case 1:
                return random.nextBoolean() ? "true" : "false";
            case 2:
            case 3:
                return NUMBERS.get(random.nextInt(NUMBERS.size()));
            case 4:
            case 5:
                return string(random);
            case 6: {
                StringBuilder out = new StringBuilder("{");
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    out.append(i == 0 ? "" : ",")
                            .append(space(random))
                            .append('"')
                            .append(KEYS.get(random.nextInt(KEYS.size())))
                            .append('"')
                            .append(space(random))
                            .append(':')
                            .append(value(random, depth + 1));
                }
                return out.append(space(random)).append('}').toString();
            }
            default: {
                StringBuilder out = new StringBuilder("[");
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    out.append(i == 0 ? "" : ",").append(space(random)).append(value(random, depth + 1));
                }
                return out.append(']').toString();
            }
        }
    }

    private static String string(Random random) {
        String[] parts = {"x", "pcc_pat_", "\\n", "\\\"", "\\\\", "\\u00e9", "\\ud83d\\ude00", "ü", " ", "/", "\\/"};
        StringBuilder out = new StringBuilder("\"");
        for (int i = random.nextInt(6); i > 0; i--) {
            out.append(parts[random.nextInt(parts.length)]);
        }
        return out.append('"').toString();
    }

    private static String space(Random random) {
        return random.nextInt(4) == 0 ? " \n\t" : "";
    }

    private static final Map<Integer, String> NOISE =
            Map.of(0, "{", 1, "}", 2, "[", 3, "]", 4, ",", 5, ":", 6, "\"", 7, "x", 8, "-", 9, "\\");

    private static byte[] corrupt(Random random, byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        int at = random.nextInt(bytes.length);
        switch (random.nextInt(3)) {
            case 0: // truncate
                byte[] cut = new byte[at];
                System.arraycopy(bytes, 0, cut, 0, at);
                return cut;
            case 1: { // replace one byte with a structural character
                byte[] copy = bytes.clone();
                copy[at] = (byte) NOISE.get(random.nextInt(NOISE.size())).charAt(0);
                return copy;
            }
            default: { // a stray byte, possibly not UTF-8
                byte[] longer = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, longer, 0, at);
                longer[at] = (byte) (random.nextBoolean() ? 0xC3 : 0x00);
                System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                return longer;
            }
        }
    }
}
