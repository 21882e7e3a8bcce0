package io.pipecat.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.testkit.FakePipecatCloud;
import io.pipecat.cli.testkit.Fault;
import io.pipecat.cli.testkit.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the token endpoint sends is checked before it is stored (seen through the refresh that
 * {@code whoami} does for an expired login): a token that is not Bearer is refused, a lifetime that
 * cannot be believed makes the token short-lived, and nothing of the answer's secrets leaks into
 * errors, not even with {@code --verbose}.
 */
class TokenResponseChecksTest extends AuthCommandTest {
    private static final String[] WHOAMI = {"cloud", "auth", "whoami"};
    private static final String NEW_TOKEN = "at_new_SECRET_0123456789abcdef";

    Tokens login;

    @BeforeEach
    void setUp() {
        login = fake.issueTokens();
        cli.writeConfig(Logins.oauth(login, -10, "acme"));
        fake.acceptPatAllOrgs(NEW_TOKEN); // so that the API accepts the token the faked answer hands out
    }

    @ParameterizedTest(name = "token_type {0} -> refused")
    @ValueSource(strings = {"\"mac\"", "\"DPoP\"", "\"Bearer2\"", "\"\"", "42", "true"})
    void aTokenTypeOtherThanBearerIsRefused(String tokenType) {
        answerRefresh("{\"access_token\":\"" + NEW_TOKEN + "\",\"token_type\":" + tokenType + ",\"expires_in\":3600}");
        String before = cli.config();
        AuthCli.Result r = cli.run(WHOAMI);

        assertEquals(4, r.exit(), r.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("only Bearer tokens are supported"), r.err());
        assertFalse(r.all().contains(NEW_TOKEN), r.toString());
        assertEquals(before, cli.config(), "nothing is stored");
        assertTrue(fake.requests("/v1/users").isEmpty());
    }

    @ParameterizedTest(name = "token_type {0} -> accepted")
    @ValueSource(strings = {"\"Bearer\"", "\"bearer\"", "\"BEARER\"", "null", "absent"})
    void bearerInAnyCaseOrNoTokenTypeIsAccepted(String tokenType) {
        answerRefresh("{\"access_token\":\"" + NEW_TOKEN + "\""
                + (tokenType.equals("absent") ? "" : ",\"token_type\":" + tokenType) + ",\"expires_in\":3600}");
        AuthCli.Result r = cli.run(WHOAMI);

        assertEquals(0, r.exit(), r.toString());
        assertTrue(cli.config().contains("token = \"" + NEW_TOKEN + "\""), cli.config());
    }

    @ParameterizedTest(name = "expires_in {0} -> {1} s")
    @CsvSource(
            delimiter = '|',
            value = {
                "3600                      | 3600",
                "'\"3600\"'                | 3600",
                "31536000                  | 31536000",
                "7200.2                    | 7201",
                "absent                    | 86400",
                "null                      | 86400",
                "31536001                  | 300",
                "1e12                      | 300",
                "99999999999999999999999   | 300",
                "9223372036854775807       | 300",
                "-5                        | 300",
                "0                         | 300",
                "'\"soon\"'                | 300",
                "true                      | 300",
                "[3600]                    | 300",
            })
    void anUnbelievableLifetimeMakesTheTokenShortLivedNeverLongLived(String expiresIn, long storedSeconds) {
        answerRefresh("{\"access_token\":\"" + NEW_TOKEN + "\",\"token_type\":\"Bearer\""
                + (expiresIn.equals("absent") ? "" : ",\"expires_in\":" + expiresIn) + "}");
        AuthCli.Result r = cli.run(WHOAMI);

        assertEquals(0, r.exit(), r.toString());
        long expected = AuthCli.NOW.getEpochSecond() + storedSeconds;
        assertTrue(cli.config().matches("(?s).*\ntoken_expires_at = " + expected + "(\\.0)?\n.*"), cli.config());
    }

    @Test
    void anErrorBodyEchoingTheRefreshTokenIsRedactedBeforeItIsShortened() {
        String secret = login.refreshToken();
        // Place the token so that cutting the text at 200 characters first would keep all but its tail.
        String prefix = "invalid_grant: ";
        String padding = "x".repeat(200 - prefix.length() - (secret.length() - 12));
        fake.fault(
                FakePipecatCloud.TOKEN_PATH,
                Fault.status(
                        400,
                        "{\"error\":\"invalid_grant\",\"error_description\":\"" + padding + secret
                                + " is not valid\"}"));
        AuthCli.Result r = cli.run(WHOAMI);

        assertEquals(4, r.exit(), r.toString());
        assertFalse(r.all().contains(secret.substring(0, 12)), r.toString());
        assertTrue(r.err().contains("****"), r.err());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--verbose", "PIPECAT_DEBUG=1"})
    void aMalformedTokenResponseNeverPutsTheTokenInTheStackTrace(String how) {
        if (how.startsWith("PIPECAT_DEBUG")) {
            cli.env("PIPECAT_DEBUG", "1");
        }
        // Truncated, with the token unquoted: Jackson's message would name the token it choked on.
        fake.fault(
                FakePipecatCloud.TOKEN_PATH, Fault.malformedBody("{\"access_token\": " + NEW_TOKEN + ", \"expires_in"));
        AuthCli.Result r = how.startsWith("--") ? cli.run("--verbose", "cloud", "auth", "whoami") : cli.run(WHOAMI);

        // An unreadable answer is a server fault, not a refusal: exit 1, the stored login is kept.
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("\tat "), "a stack trace was printed: " + r.err());
        assertTrue(r.err().contains("not JSON"), r.err());
        assertFalse(r.all().contains(NEW_TOKEN), r.toString());
        assertFalse(r.all().contains("SECRET"), r.toString());
    }

    @Test
    void anErrorDescriptionWithEscapeSequencesReachesTheTerminalEscaped() {
        fake.fault(
                FakePipecatCloud.TOKEN_PATH,
                Fault.status(
                        400,
                        "{\"error\":\"invalid_grant\",\"error_description\":\"\\u001b[2J\\u001b]0;owned\\u0007 go away\\u009b\"}"));
        AuthCli.Result r = cli.run(WHOAMI);

        assertEquals(4, r.exit(), r.toString());
        assertFalse(r.err().contains("\u001b"), r.err());
        assertFalse(r.err().contains("\u0007") || r.err().contains("\u009b"), r.err());
        assertTrue(r.err().contains("\\u001b[2J\\u001b]0;owned\\u0007 go away\\u009b"), r.err());
    }

    private void answerRefresh(String json) {
        fake.fault(FakePipecatCloud.TOKEN_PATH, Fault.status(200, json));
    }
}
