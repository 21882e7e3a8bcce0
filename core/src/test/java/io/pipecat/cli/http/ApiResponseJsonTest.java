package io.pipecat.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.errors.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A body that is not JSON fails without quoting any of itself: a token response's body holds the token. */
class ApiResponseJsonTest {
    private static final String TOKEN = "at_SECRET_0123456789abcdef";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"access_token\": " + TOKEN + "}", // unquoted: Jackson names the token it choked on
                "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":36", // truncated
                "{\"access_token\":\"" + TOKEN + "\" \"x\"}",
                TOKEN,
            })
    void aParseErrorCarriesNoBodyTextInItsMessageOrCauses(String body) {
        ApiResponse response = new ApiResponse(
                200,
                "application/json",
                body.getBytes(StandardCharsets.UTF_8),
                "POST https://issuer.example.com/oauth/token");
        CliException e = assertThrows(CliException.class, response::json);
        assertEquals(ExitCode.ERROR, e.exitCode());
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains("at_SECRET"), trace.toString());
        assertFalse(trace.toString().contains("0123456789"), trace.toString());
    }
}
