package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/** parse -> toToml -> parse keeps every value, its type and key order, for a varied corpus. */
class RoundTripCorpusTest {

    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of("official example", TestFiles.OFFICIAL_EXAMPLE),
                Arguments.of("pat token with integer expiry", """
            token = "pk_pat_123"
            token_expires_at = 0
            org = "solo"
            [solo]
            """),
                Arguments.of("several orgs and unknown keys", """
            token = "t"
            org = "b"
            [a]
            default_public_key = "pk_a"
            extra_int = 42
            extra_bool = false
            [b]
            default_public_key = "pk_b"
            nested = { x = 1, y = [1, 2, 3] }
            """),
                Arguments.of("floats", """
            [f]
            a = 1795950641.7305133
            b = 0.0
            c = -0.0
            d = 1e16
            e = 1.5e-05
            f = nan
            g = +inf
            h = -inf
            i = 3.141592653589793
            j = 6.02214076e23
            k = 1_000.5
            """),
                Arguments.of("integers in all notations", """
            [ints]
            dec = -9223372036854775808
            max = 9223372036854775807
            hex = 0xDEADBEEF
            oct = 0o755
            bin = 0b1101
            under = 1_000_000
            plus = +17
            """),
                Arguments.of("dates and times", """
            [when]
            odt = 1979-05-27T07:32:00Z
            odt_offset = 1979-05-27T00:32:00.999999-07:00
            odt_space = 1979-05-27 07:32:00+05:30
            ldt = 1979-05-27T07:32:00
            ldt_frac = 1979-05-27T00:32:00.123456789
            ld = 1979-05-27
            lt = 07:32:00
            lt_frac = 00:32:00.5
            """),
                Arguments.of("string flavours", """
            [s]
            basic = "tab\\tnewline\\nquote\\"backslash\\\\"
            literal = 'C:\\Users\\nodejs\\templates'
            multi = \"\"\"
            Roses are red
              Violets are blue\"\"\"
            multi_literal = '''
            The first newline is
            trimmed in raw strings.
               All other whitespace
               is preserved.
            '''
            unicode = "\\u00e9\\U0001F600 中文 ü"
            empty = ""
            """),
                Arguments.of("escape heavy", """
            [esc]
            controls = "\\u0000\\u0001\\u001f\\u007f\\b\\f\\r"
            hashes = "# not a comment = [x]"
            quotes = "'single' \\"double\\" '''"
            backslashes = "\\\\\\\\server\\\\share"
            line_sep = "\\u2028\\u2029\\u0085\\ufeff"
            """),
                Arguments.of("quoted and dotted keys", """
            "quoted key" = { "inner key" = 1 }
            site."google.com" = true
            a.b.c = 1
            a.b.d = "x"
            "" = { empty = "key" }
            'literal key' = { v = 2 }
            "é" = { unicode = true }
            """),
                Arguments.of("inline tables", """
            [acme]
            point = { x = 1, y = 2 }
            nested = { a = { b = { c = "deep" } } }
            empty = {}
            """),
                Arguments.of("arrays", """
            [arrays]
            ints = [1, 2, 3]
            mixed = [1, "two", 3.0, true, 1979-05-27]
            nested = [[1, 2], ["a", "b"], []]
            tables = [{ a = 1 }, { b = [{ c = 2 }] }]
            empty = []
            multiline = [
              1,
              2, # comment
            ]
            """),
                Arguments.of("array of tables", """
            [[products]]
            name = "Hammer"
            sku = 738594937
            [[products]]
            [[products]]
            name = "Nail"
            color = "gray"
            [[fruits]]
            name = "apple"
            [fruits.physical]
            color = "red"
            [[fruits.varieties]]
            name = "red delicious"
            [[fruits.varieties]]
            name = "granny smith"
            """),
                Arguments.of("deeply nested sections", """
            [a.b.c.d.e]
            f = 1
            [a.b.x]
            y = 2
            [a]
            z = 3
            """),
                Arguments.of("comments and blank lines", """
            # leading comment
            token = "t" # trailing comment

            # between
            [acme] # section comment
            k = "v"
            """),
                Arguments.of("booleans and empty tables", """
            [flags]
            yes = true
            no = false
            [empty]
            [another.empty]
            """),
                Arguments.of("unicode everywhere", """
            org = "日本語"
            ["日本語"]
            "ключ" = "значение"
            emoji = "🎉✨"
            rtl = "שלום"
            combining = "e\\u0301"
            """),
                Arguments.of("only tables, no credentials", """
            [acme]
            [acme.sub]
            k = 1
            """),
                Arguments.of("empty file", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void valuesTypesAndOrderSurvive(String name, String text) throws Exception {
        TomlDocument original = TomlDocument.parse(text);
        String written = original.toToml();
        TomlDocument reread = TomlDocument.parse(written);

        assertEquals(describe(layoutOrder(original.root())), describe(reread.root()), written);
        // Independent check with tomlj's own tree comparison, bypassing our conversion.
        TomlParseResult tomljOriginal = Toml.parse(text, TomlReader.VERSION);
        TomlParseResult tomljWritten = Toml.parse(written, TomlReader.VERSION);
        assertTrue(tomljWritten.errors().isEmpty(), tomljWritten.errors().toString());
        assertTrue(Toml.equals(tomljOriginal, tomljWritten), written);
        // Writing is stable: a second round produces the same text.
        assertEquals(written, reread.toToml());
    }

    /**
     * The order a TOML table can express: its plain values first, then its sub-tables and arrays of
     * tables, each group in original order. (A table-valued key cannot precede a plain value in
     * section syntax, so this is the only reordering the writer may do.)
     */
    static Object layoutOrder(Object value) {
        if (value instanceof Map) {
            Map<String, Object> plain = new java.util.LinkedHashMap<>();
            Map<String, Object> sections = new java.util.LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> {
                boolean section = v instanceof Map || TomlValues.isArrayOfTables(v);
                (section ? sections : plain).put((String) k, layoutOrder(v));
            });
            plain.putAll(sections);
            return plain;
        }
        if (value instanceof List) {
            return ((List<?>) value)
                    .stream().map(RoundTripCorpusTest::layoutOrder).toList();
        }
        return value;
    }

    /** Order- and type-sensitive rendering (Map.equals ignores order; Long(1) vs Double differ). */
    static String describe(Object value) {
        if (value instanceof Map) {
            StringBuilder sb = new StringBuilder("{");
            ((Map<?, ?>) value)
                    .forEach((k, v) ->
                            sb.append(k).append('=').append(describe(v)).append(','));
            return sb.append('}').toString();
        }
        if (value instanceof List) {
            StringBuilder sb = new StringBuilder("[");
            ((List<?>) value).forEach(v -> sb.append(describe(v)).append(','));
            return sb.append(']').toString();
        }
        if (value instanceof Double) {
            return "Double:" + Double.doubleToRawLongBits((Double) value);
        }
        return value.getClass().getSimpleName() + ":" + value;
    }
}
