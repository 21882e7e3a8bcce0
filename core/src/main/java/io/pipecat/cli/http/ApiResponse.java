package io.pipecat.cli.http;

import com.fasterxml.jackson.core.JsonProcessingException;
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
        static final ObjectMapper MAPPER = new ObjectMapper();
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
     * @return the body parsed as JSON
     * @throws CliException (exit 1) naming the request when the body is not JSON
     */
    public JsonNode json() {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw CliException.error("Unexpected empty response from " + what + ".");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw CliException.error("Unexpected response from " + what + " (not JSON).", e);
        } catch (java.io.IOException e) {
            throw CliException.error("Could not read the response from " + what + ".", e);
        }
    }

    /** The mapper used for JSON bodies; shared, thread-safe, created on first use. */
    public static ObjectMapper jsonMapper() {
        return Json.MAPPER;
    }
}
