package io.pipecat.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.auth.oauth.Redaction;
import io.pipecat.cli.testkit.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code pipecat cloud --show-cli-config} (docs/behaviour.md#--show-cli-config). */
class ShowCliConfigTest extends AuthCommandTest {

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource({"abcdefghijklm, abcdefgh****", "abcdefghijkl, ****", "short, ****", "'', ''"})
    void redaction(String secret, String shown) {
        assertEquals(shown, Redaction.redact(secret));
    }

    @Test
    void printsEveryResolvedSettingWithSecretsRedacted() {
        Tokens login = fake.issueTokens();
        cli.writeConfig(Logins.oauth(login, 3600, "acme"));
        AuthCli.Result r = cli.run("cloud", "--show-cli-config");

        assertEquals(0, r.exit(), r.toString());
        String out = r.out();
        for (String expected : new String[] {
            "config_path              " + cli.configPath() + "  [env]",
            "api_host                 " + fake.baseUrl() + "  [env]",
            "dashboard_host           https://pipecat.daily.co  [default]",
            "auth_config_url          " + fake.baseUrl() + "/auth/config",
            "organizations_url        " + fake.baseUrl() + "/v1/organizations",
            "logout_url               " + fake.baseUrl() + "/auth/logout",
            "sign_out_url             https://pipecat.daily.co/sign-out",
            "token                    " + login.accessToken().substring(0, 8) + "****  [file]",
            "org                      acme  [file]",
            "refresh_token            " + login.refreshToken().substring(0, 8) + "****  [file]",
            "token_expires_at         " + (AuthCli.NOW.getEpochSecond() + 3600),
            "default_public_key       pk_acme  [org table]",
            "default_public_key_name  Default key  [org table]",
            "credential_store         file  [default]",
            "token_source             file"
        }) {
            assertTrue(out.contains(expected), expected + " missing in:\n" + out);
        }
        assertFalse(out.contains(login.accessToken()), out);
        assertFalse(out.contains(login.refreshToken()), out);
        assertTrue(fake.requests().isEmpty(), "read-only: no refresh, no API call");
    }

    @Test
    void environmentWinsAndIsLabelled() {
        cli.writeConfig(Logins.pat("pcc_pat_stored_token", "acme"));
        cli.env("PIPECAT_TOKEN", "pcc_pat_from_the_environment")
                .env("PIPECAT_ORG", "beta")
                .env("PIPECAT_DEFAULT_PUBLIC_KEY", "pk_env");
        AuthCli.Result r = cli.run("cloud", "--show-cli-config");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("token                    pcc_pat_****  [env]"), r.out());
        assertTrue(r.out().contains("org                      beta  [env]"), r.out());
        assertTrue(r.out().contains("default_public_key       pk_env  [env]"), r.out());
        assertTrue(r.out().contains("token_expires_at         0 (never: PAT)"), r.out());
        assertFalse(r.out().contains("pcc_pat_from_the_environment"), r.out());
        assertFalse(r.out().contains("pcc_pat_stored_token"), r.out());
    }

    @Test
    void bareCloudPrintsTheGroupHelp() {
        AuthCli.Result r = cli.run("cloud");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("Pipecat Cloud commands\n"), r.out());
        assertTrue(r.out().contains("--show-cli-config"), r.out());
        assertTrue(r.out().contains("  auth "), r.out());
        assertFalse(
                r.out().lines().anyMatch(l -> l.startsWith("  show-cli-config")), "the default command is not listed");
    }
}
