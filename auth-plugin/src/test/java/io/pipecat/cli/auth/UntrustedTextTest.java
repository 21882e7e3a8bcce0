package io.pipecat.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.testkit.FakePipecatCloud;
import io.pipecat.cli.testkit.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Text and URLs that come from outside reach the user's terminal cleaned: no escape sequence from
 * the browser's callback, and no user-info ({@code user:password@}) from a URL a server announced.
 */
class UntrustedTextTest extends AuthCommandTest {
    private static final String[] LOGIN = {"cloud", "auth", "login", "--timeout", "10"};

    @Test
    void aCallbackErrorDescriptionWithEscapeSequencesIsPrintedEscaped() {
        fake.authorizeDeny("no \u001b[2J\u001b[31mdenied\u001b[0m\u009b?25l");
        AuthCli.Result r = cli.run(LOGIN);

        assertEquals(4, r.exit(), r.toString());
        assertFalse(r.all().contains("\u001b") || r.all().contains("\u009b"), r.toString());
        // The login flow drops control characters from callback text (LoginCallbackTest has the exact form).
        assertTrue(r.err().contains("access_denied (no [2J[31mdenied[0m?25l)"), r.err());
        assertEquals("", cli.config());
    }

    @Test
    void showCliConfigPrintsHostsWithoutUserInfo() {
        cli.env("PIPECAT_API_HOST", "https://admin:hunter2@api.example.com")
                .env("PIPECAT_DASHBOARD_HOST", "https://admin:hunter2@dash.example.com");
        AuthCli.Result r = cli.run("cloud", "--show-cli-config");

        assertEquals(0, r.exit(), r.toString());
        assertFalse(r.all().contains("hunter2") || r.all().contains("admin"), r.toString());
        assertTrue(r.out().contains("https://api.example.com/v1/users"), r.out());
        assertTrue(r.out().contains("https://dash.example.com/sign-out"), r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // Plain http to a non-loopback host: refused, and the refusal names the URL.
        "issuer, http://admin:hunter2@issuer.example.com/oauth-issuer",
        "token_endpoint, http://admin:hunter2@auth.example.com/oauth/token",
        // Loopback: allowed by the rule, then the HTTP client refuses user-info, and the error names the URL.
        "token_endpoint, http://admin:hunter2@127.0.0.1:9/oauth/token",
    })
    void aUrlWithUserInfoFromTheServerIsNeverShownWithIt(String field, String url) {
        Tokens login = fake.issueTokens();
        if (field.equals("issuer")) {
            fake.authConfigOverride("issuer", url);
        } else {
            fake.discoveryOverride(field, url);
        }
        cli.writeConfig(Logins.oauth(login, -10, "acme"));
        AuthCli.Result r = cli.run("--verbose", "cloud", "auth", "whoami");

        // A misconfigured issuer is the server's fault, not a refusal: exit 1, the login is kept.
        assertEquals(1, r.exit(), r.toString());
        assertFalse(r.all().contains("hunter2"), r.toString());
        assertFalse(r.all().contains("admin"), r.toString());
        assertTrue(fake.requests(FakePipecatCloud.TOKEN_PATH).isEmpty());
    }
}
