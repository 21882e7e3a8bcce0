package io.pipecat.cli.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads a JSON document into a {@link JsonNode} tree with Jackson's streaming parser, building the
 * nodes itself: the same tree {@code new ObjectMapper().readTree(bytes)} gives (the same node types,
 * the last of duplicate keys wins, nothing read past the first value, {@link
 * com.fasterxml.jackson.databind.node.MissingNode} for an empty document), and the same parse errors,
 * which come from the same parser.
 *
 * <p>Why not the mapper: an {@code ObjectMapper} sets up its serializer and deserializer machinery on
 * first use, several hundred classes and tens of milliseconds, which is most of what a short-lived
 * command that reads three small answers spends on JSON. {@code JsonTreesDifferentialTest} checks
 * that both agree on generated and malformed documents.
 */
public final class JsonTrees {
    // Parse errors must not carry the document: a token response's would quote the token.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {}

    /**
     * @return the document's first value as a tree, or a missing node when it holds none
     * @throws com.fasterxml.jackson.core.JsonProcessingException when it is not JSON (its message may
     *     quote a token of the input: never print it for a body that may hold a secret)
     */
    public static JsonNode read(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            return first == null ? NODES.missingNode() : value(parser, first);
        }
    }

    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT:
                ObjectNode object = NODES.objectNode();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    object.replace(name, value(parser, parser.nextToken()));
                }
                return object;
            case START_ARRAY:
                ArrayNode array = NODES.arrayNode();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(value(parser, t));
                }
                return array;
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return NODES.numberNode(parser.getIntValue());
                    case LONG:
                        return NODES.numberNode(parser.getLongValue());
                    default:
                        return NODES.numberNode(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                // JSON text has no other value tokens; the parser reports structural errors itself.
                throw new IOException("Unexpected JSON token " + token);
        }
    }
}
