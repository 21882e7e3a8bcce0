package io.pipecat.cli.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipecat.cli.errors.CliException;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP response, fully read.
 *
 * @param status      HTTP status code
 * @param contentType the {@code Content-Type} header, or empty
 * @param body        the body bytes
 * @param what        a short name of what was requested, for error messages (no secrets)
 */
public record ApiResponse(int status, String contentType, byte[] body, String what) {

    private static final class Json {
        // Parse errors must not carry the document: a token response's would quote the token.
        static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build());
    }

    /** @return whether the status is 2xx */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** @return the body decoded as UTF-8 */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * @return the body parsed as JSON ({@link JsonTrees}: the mapper's tree, without starting a mapper)
     * @throws CliException (exit 1) naming the request when the body is not JSON; neither its
     *     message nor a cause holds any of the body (Jackson's messages quote the text they choke
     *     on, which in a token response is the token), only where parsing stopped
     */
    public JsonNode json() {
        try {
            JsonNode node = JsonTrees.read(body);
            if (node == null || node.isMissingNode()) {
                throw CliException.error("Unexpected empty response from " + what + ".");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null || e.getLocation().getLineNr() < 1
                    ? ""
                    : ", line " + e.getLocation().getLineNr() + " column "
                            + e.getLocation().getColumnNr();
            throw CliException.error("Unexpected response from " + what + " (not JSON" + where + ").");
        } catch (java.io.IOException e) {
            throw CliException.error("Could not read the response from " + what + ".");
        }
    }

    /**
     * The mapper used for JSON bodies; shared, thread-safe, created on first use. Its parse errors
     * do not include the source text in their location, but their messages may still quote a token
     * of the input: never chain or print them for a body that may hold a secret.
     */
    public static ObjectMapper jsonMapper() {
        return Json.MAPPER;
    }
}
