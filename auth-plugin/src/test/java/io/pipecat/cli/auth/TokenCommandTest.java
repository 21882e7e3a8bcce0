package io.pipecat.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.testkit.FakePipecatCloud;
import io.pipecat.cli.testkit.Tokens;
import org.junit.jupiter.api.Test;

/** {@code pipecat cloud auth token} (docs/behaviour.md#token-ours): the active token alone on stdout. */
class TokenCommandTest extends AuthCommandTest {
    private static final String[] TOKEN = {"cloud", "auth", "token"};
    private static final String PAT = "pcc_pat_token_command_0123";

    @Test
    void printsTheStoredTokenAloneWithoutCallingTheApi() {
        Tokens login = fake.issueTokens();
        cli.writeConfig(Logins.oauth(login, 3600, "acme"));
        AuthCli.Result r = cli.run(TOKEN);
        assertEquals(0, r.exit(), r.toString());
        assertEquals(login.accessToken() + "\n", r.out());
        assertEquals("", r.err());
        assertTrue(fake.requests().isEmpty(), "a token that is not due is printed as it is");
    }

    @Test
    void aDueTokenIsRefreshedAndStoredFirst() {
        Tokens login = fake.issueTokens();
        cli.writeConfig(Logins.oauth(login, -10, "acme"));
        AuthCli.Result r = cli.run(TOKEN);

        assertEquals(0, r.exit(), r.toString());
        Tokens refreshed = fake.issuedTokens().get(1);
        assertEquals(refreshed.accessToken() + "\n", r.out());
        assertEquals("", r.err());
        assertEquals(1, fake.requests(FakePipecatCloud.TOKEN_PATH).size());
        assertTrue(fake.isAccessTokenValid(refreshed.accessToken()));
        assertTrue(cli.config().contains("token = \"" + refreshed.accessToken() + "\""), cli.config());
    }

    @Test
    void theEnvironmentTokenWinsAndIsPrintedTrimmed() {
        cli.writeConfig(Logins.pat("pcc_pat_stored_0123", "acme"));
        cli.env("PIPECAT_TOKEN", "  " + PAT + "\n");
        AuthCli.Result r = cli.run(TOKEN);
        assertEquals(0, r.exit(), r.toString());
        assertEquals(PAT + "\n", r.out());
    }

    @Test
    void withoutATokenItFailsWithTheNotLoggedInMessageAndPrintsNothing() {
        AuthCli.Result r = cli.run(TOKEN);
        assertEquals(4, r.exit(), r.toString());
        assertEquals("", r.out());
        assertEquals("You are not logged in. Please run pipecat cloud auth login first.\n", r.err());
    }

    @Test
    void aRefusedRefreshPrintsNoTokenAndExits4() {
        Tokens login = fake.issueTokens();
        fake.revokeRefreshToken(login.refreshToken());
        cli.writeConfig(Logins.oauth(login, -10, "acme"));
        AuthCli.Result r = cli.run(TOKEN);
        assertEquals(4, r.exit(), r.toString());
        assertEquals("", r.out(), "never the dead token");
    }
}
