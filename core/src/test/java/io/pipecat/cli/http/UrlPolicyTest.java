package io.pipecat.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.errors.ExitCode;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How URLs are checked when read from settings, and shown in messages. */
class UrlPolicyTest {
    private static final String WHAT = "the API host (PIPECAT_API_HOST)";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "https://user:s3cret@api.example.com/v1/x?code=abc, https://api.example.com/v1/x",
        "https://s3cret@api.example.com, https://api.example.com",
        "http://user:s3cret@[::1]:8080/p, http://[::1]:8080/p",
        "https://api.example.com:8443/a/b#frag, https://api.example.com:8443/a/b",
        "'https://user:s3cret@host:99999999999/x', 'https://host:99999999999/x'",
        "'not a url: https://user:s3cret@host/x?y', 'not a url: https://host/x'",
    })
    void safeNeverShowsUserInfoOrQuery(String url, String shown) {
        assertEquals(shown, UrlPolicy.safe(url));
    }

    @Test
    void aRequestPrintsNoUserInfo() {
        ApiRequest request = ApiRequest.get(URI.create("https://user:s3cret@api.example.com/v1/users?x=1"));
        assertEquals("GET https://api.example.com/v1/users", request.toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://api.example.com:99999",
                "https://api.example.com:0",
                "http://127.0.0.1:65536/",
                "https://api.example.com:99999999999"
            })
    void anOutOfRangePortIsAUsageError(String url) {
        CliException e = assertThrows(CliException.class, () -> UrlPolicy.parse(url, WHAT));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("Invalid URL for " + WHAT + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void theLargestPortIsFine() {
        assertEquals(
                65535, UrlPolicy.parse("https://api.example.com:65535", WHAT).getPort());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://user:s3cret@api.example.com",
                "https://s3cret@api.example.com:8443/x",
                "https://user:s3cret@api.example.com:99999999999"
            })
    void userInfoInASettingIsAUsageErrorThatDoesNotEchoIt(String url) {
        CliException e = assertThrows(CliException.class, () -> UrlPolicy.parse(url, WHAT));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertTrue(e.getMessage().contains("must not contain a user name or password"), e.getMessage());
    }

    @Test
    void plainHttpToAnotherHostIsStillRefusedWithoutUserInfo() {
        CliException e = assertThrows(
                CliException.class, () -> UrlPolicy.require(URI.create("http://u:s3cret@api.example.com/v1"), "x"));
        assertEquals(ExitCode.ERROR, e.exitCode());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }
}
