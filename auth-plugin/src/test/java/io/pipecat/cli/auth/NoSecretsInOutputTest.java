package io.pipecat.cli.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.testkit.FakePipecatCloud;
import io.pipecat.cli.testkit.Fault;
import io.pipecat.cli.testkit.RecordedRequest;
import io.pipecat.cli.testkit.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No failure path prints a token, refresh token, authorization code or PKCE verifier — not even
 * with {@code --verbose}, whose stack traces include exception messages. (Login scenarios bind the
 * callback ports; JUnit runs test classes one after another, so they never overlap with LoginTest.)
 */
class NoSecretsInOutputTest extends AuthCommandTest {

    /** Sets up a failure, runs the CLI, and adds every secret that was in play to {@code secrets}. */
    interface Scenario {
        AuthCli.Result run(FakePipecatCloud fake, AuthCli cli, List<String> secrets);
    }

    private static final String[] LOGIN = {"--verbose", "cloud", "auth", "login", "--timeout", "5"};

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("login: token endpoint refuses the code", (Scenario) (fake, cli, secrets) -> {
                    fake.fault(FakePipecatCloud.TOKEN_PATH, Fault.status(400, "{\"error\":\"invalid_grant\"}"));
                    AuthCli.Result r = cli.run(LOGIN);
                    secrets.addAll(codeAndVerifier(fake));
                    return r;
                }),
                Arguments.of("login: account without organizations", (Scenario) (fake, cli, secrets) -> {
                    fake.noOrganizations();
                    AuthCli.Result r = cli.run(LOGIN);
                    secrets.addAll(codeAndVerifier(fake));
                    fake.issuedTokens().forEach(t -> addTokens(secrets, t));
                    return r;
                }),
                Arguments.of("login: API rejects the new token", (Scenario) (fake, cli, secrets) -> {
                    fake.fault("/v1/organizations", Fault.status(401));
                    AuthCli.Result r = cli.run(LOGIN);
                    secrets.addAll(codeAndVerifier(fake));
                    fake.issuedTokens().forEach(t -> addTokens(secrets, t));
                    return r;
                }),
                Arguments.of("login: denied", (Scenario) (fake, cli, secrets) -> {
                    fake.authorizeDeny("no");
                    AuthCli.Result r = cli.run(LOGIN);
                    fake.requests(FakePipecatCloud.AUTHORIZE_PATH)
                            .forEach(q -> secrets.add(q.queryParam("state").orElseThrow()));
                    return r;
                }),
                Arguments.of("refresh: token endpoint echoes the refresh token", (Scenario) (fake, cli, secrets) -> {
                    Tokens login = fake.issueTokens();
                    fake.fault(
                            FakePipecatCloud.TOKEN_PATH,
                            Fault.status(
                                    400,
                                    "{\"error\":\"invalid_grant\"," + "\"error_description\":\"refresh token "
                                            + login.refreshToken() + " is revoked\"}"));
                    cli.writeConfig(Logins.oauth(login, -10, "acme"));
                    addTokens(secrets, login);
                    return cli.run("--verbose", "cloud", "auth", "whoami");
                }),
                Arguments.of("refresh: revoked", (Scenario) (fake, cli, secrets) -> {
                    Tokens login = fake.issueTokens();
                    fake.revokeRefreshToken(login.refreshToken());
                    cli.writeConfig(Logins.oauth(login, -10, "acme"));
                    addTokens(secrets, login);
                    return cli.run("--verbose", "cloud", "auth", "whoami");
                }),
                Arguments.of("whoami: 401", (Scenario) (fake, cli, secrets) -> {
                    Tokens login = fake.issueTokens();
                    fake.revokeAccessToken(login.accessToken());
                    cli.writeConfig(Logins.oauth(login, 3600, "acme"));
                    addTokens(secrets, login);
                    return cli.run("--verbose", "cloud", "auth", "whoami");
                }),
                Arguments.of("whoami: bad PIPECAT_TOKEN", (Scenario) (fake, cli, secrets) -> {
                    secrets.add("pcc_pat_environment_secret");
                    cli.env("PIPECAT_TOKEN", "pcc_pat_environment_secret");
                    return cli.run("--verbose", "cloud", "auth", "whoami");
                }),
                Arguments.of("logout: 503", (Scenario) (fake, cli, secrets) -> {
                    Tokens login = fake.issueTokens();
                    fake.fault(FakePipecatCloud.LOGOUT_PATH, Fault.status(503));
                    cli.writeConfig(Logins.oauth(login, 3600, "acme"));
                    addTokens(secrets, login);
                    return cli.run("--verbose", "cloud", "auth", "logout");
                }),
                Arguments.of("logout: unreachable", (Scenario) (fake, cli, secrets) -> {
                    Tokens login = fake.issueTokens();
                    fake.fault(
                            FakePipecatCloud.LOGOUT_PATH, Fault.dropConnection().always());
                    cli.writeConfig(Logins.oauth(login, 3600, "acme"));
                    addTokens(secrets, login);
                    return cli.run("--verbose", "cloud", "auth", "logout");
                }),
                Arguments.of("use-pat: invalid", (Scenario) (fake, cli, secrets) -> {
                    secrets.add("pcc_pat_not_accepted_anywhere");
                    return cli.stdin("pcc_pat_not_accepted_anywhere").run("--verbose", "cloud", "auth", "use-pat", "-");
                }),
                Arguments.of("use-pat: wrong prefix", (Scenario) (fake, cli, secrets) -> {
                    secrets.add("ghp_not_a_pipecat_token");
                    return cli.stdin("ghp_not_a_pipecat_token").run("--verbose", "cloud", "auth", "use-pat", "-");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failureOutputHoldsNoSecret(String name, Scenario scenario) {
        List<String> secrets = new ArrayList<>();
        AuthCli.Result r = scenario.run(fake, cli, secrets);

        assertTrue(r.exit() != 0 || r.err().startsWith("Warning: "), "the scenario fails (or warns): " + r);
        assertFalse(secrets.isEmpty(), "the scenario put secrets in play");
        assertTrue(
                secrets.stream().allMatch(s -> s.length() >= 8),
                "secrets are long enough to be found: " + secrets.size());
        for (String secret : secrets) {
            assertFalse(r.all().contains(secret), "a secret leaked in:\n" + r);
        }
    }

    private static List<String> codeAndVerifier(FakePipecatCloud fake) {
        List<String> found = new ArrayList<>();
        for (RecordedRequest token : fake.requests(FakePipecatCloud.TOKEN_PATH)) {
            token.formParam("code").ifPresent(found::add);
            token.formParam("code_verifier").ifPresent(found::add);
        }
        assertTrue(found.size() >= 2, "the code was redeemed with a verifier");
        return found;
    }

    private static void addTokens(List<String> secrets, Tokens tokens) {
        secrets.add(tokens.accessToken());
        if (tokens.refreshToken() != null) {
            secrets.add(tokens.refreshToken());
        }
    }
}
