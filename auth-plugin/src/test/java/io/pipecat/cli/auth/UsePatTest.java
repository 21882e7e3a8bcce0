package io.pipecat.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.testkit.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code pipecat cloud auth use-pat} (docs/behaviour.md#use-pat). */
class UsePatTest extends AuthCommandTest {
    private static final String PAT = "pcc_pat_0123456789abcdef";
    private static final String HISTORY = "Warning: A token given as an argument is visible in your shell history";

    @Test
    void argumentIsAcceptedWithAHistoryWarning() {
        fake.acceptPatAllOrgs(PAT);
        AuthCli.Result r = cli.run("cloud", "auth", "use-pat", PAT);

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().startsWith(HISTORY), r.err());
        assertEquals(
                "Authenticated via PAT. Active organization: acme\nAccount details stored in " + cli.configPath()
                        + ".\n",
                r.out());
        String config = cli.config();
        assertTrue(config.contains("token = \"" + PAT + "\""), config);
        assertTrue(config.contains("refresh_token = \"\""), config);
        assertTrue(config.contains("token_expires_at = 0"), config);
        assertTrue(config.contains("org = \"acme\"") && config.contains("[acme]"), config);
        RecordedRequest validation = fake.requests("/v1/organizations").get(0);
        assertEquals(PAT, validation.bearerToken());
    }

    @Test
    void dashReadsStdinWithoutAWarning() {
        fake.acceptPatAllOrgs(PAT);
        AuthCli.Result r = cli.stdin("  " + PAT + "  \n").run("cloud", "auth", "use-pat", "-");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.err());
        assertTrue(cli.config().contains("token = \"" + PAT + "\""), cli.config());
    }

    /** As with the official CLI: {@code echo "$PAT" | pipecat cloud auth use-pat} reads the piped token. */
    @Test
    void noArgumentReadsAPipedStdin() {
        fake.acceptPatAllOrgs(PAT);
        AuthCli.Result r = cli.stdin(PAT + "\n").run("cloud", "auth", "use-pat");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.err(), "no history warning: the token was not an argument");
        assertTrue(r.out().startsWith("Authenticated via PAT. Active organization: acme\n"), r.out());
        assertTrue(cli.config().contains("token = \"" + PAT + "\""), cli.config());
        assertEquals(PAT, fake.requests("/v1/organizations").get(0).bearerToken());
    }

    @ParameterizedTest(name = "stdin ''{0}''")
    @ValueSource(strings = {"", "\n", "  \n\t\n"})
    void anEmptyPipedStdinIsAOneLineUsageError(String stdin) {
        AuthCli.Result r = cli.stdin(stdin).run("cloud", "auth", "use-pat");
        assertEquals(2, r.exit(), r.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("No token given: stdin was empty."), r.err());
        assertTrue(r.err().contains("TOKEN argument"), r.err());
        assertTrue(fake.requests().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "wrong prefix        | pat_0123456789   | 2 | Invalid token format. PATs must start with pcc_pat_",
                "oauth token         | at_0123456789    | 2 | Invalid token format. PATs must start with pcc_pat_",
                "unknown to the API  | pcc_pat_unknown  | 4 | Invalid or expired token.",
                "sees no namespace   | pcc_pat_noorgs   | 4 | Token is valid but account has no associated namespace. Have you completed the onboarding process?"
            })
    void rejectedTokensStoreNothing(String name, String token, int exit, String message) {
        fake.acceptPat("pcc_pat_noorgs");
        cli.writeConfig("org = \"beta\"\n");
        AuthCli.Result r = cli.stdin(token).run("cloud", "auth", "use-pat", "-");
        assertEquals(exit, r.exit(), r.toString());
        assertEquals(message + "\n", r.err());
        assertEquals("org = \"beta\"\n", cli.config());
        assertEquals(exit == 2 ? 0 : 1, fake.requests("/v1/organizations").size(), "prefix checked before any call");
    }

    @ParameterizedTest(name = "current {0}, PAT sees {1} -> {2}")
    @CsvSource({"beta, 'acme,beta', beta", "beta, acme, acme", "gone, 'acme,beta', acme", "'', 'beta', beta"})
    void keepsTheCurrentOrgIfThePatSeesIt(String current, String visible, String expected) {
        fake.acceptPat(PAT, visible.split(","));
        if (!current.isEmpty()) {
            cli.writeConfig("org = \"" + current + "\"\n");
        }
        AuthCli.Result r = cli.stdin(PAT).run("cloud", "auth", "use-pat", "-");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("Authenticated via PAT. Active organization: " + expected + "\n"), r.out());
        assertTrue(cli.config().contains("org = \"" + expected + "\""), cli.config());
    }

    @Test
    void replacesAnOAuthLoginKeepingOrgTables() {
        fake.acceptPatAllOrgs(PAT);
        cli.writeConfig(Logins.oauth(fake.issueTokens(), 3600, "beta"));
        AuthCli.Result r = cli.stdin(PAT).run("cloud", "auth", "use-pat", "-");
        assertEquals(0, r.exit(), r.toString());
        String config = cli.config();
        assertTrue(config.contains("refresh_token = \"\""), config);
        assertTrue(config.contains("default_public_key = \"pk_beta\""), config);
        assertFalse(config.contains("rt_"), config);
    }
}
