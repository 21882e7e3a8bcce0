package io.pipecat.cli.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OAuthFlowTest {
    static final List<String> CANONICAL_ORDER = List.of(
            "response_type", "client_id", "redirect_uri", "scope", "code_challenge", "code_challenge_method", "state");

    FakePipecatCloud fake;
    LoopbackCallback callback;
    CliHttp http;

    @BeforeEach
    void setUp() throws Exception {
        fake = FakePipecatCloud.start();
        callback = new LoopbackCallback();
        http = new CliHttp(fake.baseUrl());
    }

    @AfterEach
    void tearDown() {
        callback.close();
        fake.close();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Builds the authorization URL the way the CLI does, from discovery + /auth/config. */
    String authorizationUrl(String redirectUri, String challenge, String state) throws Exception {
        JsonNode cfg = CliHttp.json(http.get("/auth/config"));
        JsonNode disc = CliHttp.json(http.get(cfg.get("issuer").asText() + "/.well-known/openid-configuration"));
        return disc.get("authorization_endpoint").asText()
                + "?response_type=code&client_id=" + enc(cfg.get("client_id").asText())
                + "&redirect_uri=" + enc(redirectUri) + "&scope="
                + enc(cfg.get("scopes").asText())
                + "&code_challenge=" + challenge + "&code_challenge_method=S256&state=" + enc(state);
    }

    /** Runs the browser part of the login; returns the code delivered to the callback. */
    String loginAndGetCode(String verifier) throws Exception {
        FakeBrowser.Result r =
                FakeBrowser.open(authorizationUrl(callback.redirectUri(), Pkce.challengeS256(verifier), "st-1"));
        assertEquals(200, r.status(), r.toString());
        return callback.last().get("code");
    }

    HttpResponse<String> redeem(String code, String redirectUri, String clientId, String verifier) throws Exception {
        return http.postForm(
                "/oauth/token",
                "grant_type",
                "authorization_code",
                "code",
                code,
                "redirect_uri",
                redirectUri,
                "client_id",
                clientId,
                "code_verifier",
                verifier);
    }

    @Test
    void authConfigAndDiscoveryDefaults() throws Exception {
        JsonNode cfg = CliHttp.json(http.get("/auth/config"));
        assertEquals(fake.baseUrl() + "/oauth-issuer", cfg.get("issuer").asText());
        assertEquals(fake.issuer(), cfg.get("issuer").asText());
        assertEquals(fake.clientId(), cfg.get("client_id").asText());
        assertEquals("openid profile email offline_access", cfg.get("scopes").asText());

        JsonNode d = CliHttp.json(http.get(fake.issuer() + "/.well-known/openid-configuration"));
        assertEquals(fake.issuer(), d.get("issuer").asText());
        assertEquals(
                fake.baseUrl() + "/oauth/authorize",
                d.get("authorization_endpoint").asText());
        assertEquals(fake.baseUrl() + "/oauth/token", d.get("token_endpoint").asText());
        assertEquals("[\"S256\"]", d.get("code_challenge_methods_supported").toString());
        assertEquals("[\"code\"]", d.get("response_types_supported").toString());
        fake.assertNoUnexpectedRequests();
    }

    @Test
    void discoveryAndAuthConfigOverrides() throws Exception {
        fake.issuerPath("/tenants/t1")
                .discoveryOverride("issuer", "https://evil.example.com")
                .discoveryOverride("authorization_endpoint", "http://auth.example.com/authorize")
                .discoveryOverride("code_challenge_methods_supported", List.of("plain"))
                .discoveryRemove("token_endpoint")
                .authConfigOverride("client_id", "other_client")
                .authConfigRemove("scopes");
        JsonNode cfg = CliHttp.json(http.get("/auth/config"));
        assertEquals(fake.baseUrl() + "/tenants/t1", cfg.get("issuer").asText());
        assertEquals("other_client", cfg.get("client_id").asText());
        assertFalse(cfg.has("scopes"));
        JsonNode d = CliHttp.json(http.get("/tenants/t1/.well-known/openid-configuration"));
        assertEquals("https://evil.example.com", d.get("issuer").asText());
        assertEquals(
                "http://auth.example.com/authorize",
                d.get("authorization_endpoint").asText());
        assertEquals("[\"plain\"]", d.get("code_challenge_methods_supported").toString());
        assertFalse(d.has("token_endpoint"));
        // old issuer location no longer served -> unexpected
        assertEquals(
                404, http.get("/oauth-issuer/.well-known/openid-configuration").statusCode());
        assertEquals(1, fake.unexpectedRequests().size());
    }

    @Test
    void issuerAtRootAndNullOverrides() throws Exception {
        fake.issuerPath("").discoveryOverride("token_endpoint", null).authConfigOverride("extra", 42);
        assertEquals(fake.baseUrl(), fake.issuer());
        JsonNode d = CliHttp.json(http.get("/.well-known/openid-configuration"));
        assertEquals(fake.baseUrl(), d.get("issuer").asText());
        assertTrue(d.has("token_endpoint") && d.get("token_endpoint").isNull());
        assertEquals(42, CliHttp.json(http.get("/auth/config")).get("extra").asInt());
        fake.clearOverrides();
        assertEquals(
                fake.tokenEndpoint(),
                CliHttp.json(http.get("/.well-known/openid-configuration"))
                        .get("token_endpoint")
                        .asText());
    }

    @Test
    void fullPkceFlowThroughFakeBrowser() throws Exception {
        String verifier = Pkce.newVerifier();
        String url = authorizationUrl(callback.redirectUri(), Pkce.challengeS256(verifier), "state-xyz");
        FakeBrowser.Result r = FakeBrowser.open(url);

        assertEquals(200, r.status());
        assertTrue(r.body().contains("Login successful"), r.body());
        assertEquals(2, r.hops().size());
        assertEquals(302, r.hops().get(0).status());
        assertTrue(r.hops().get(0).location().startsWith(callback.redirectUri() + "?code="));
        assertEquals(callback.redirectUri(), r.finalUri().toString().replaceAll("\\?.*", ""));
        Map<String, String> cb = callback.last();
        assertEquals("state-xyz", cb.get("state"));
        assertTrue(cb.get("code").startsWith("code_"));
        assertEquals(FakeBrowser.USER_AGENT, callback.userAgents.get(0));

        RecordedRequest auth = fake.requests("/oauth/authorize").get(0);
        assertEquals(CANONICAL_ORDER, auth.queryParamNames());
        assertEquals(FakeBrowser.USER_AGENT, auth.userAgent());
        assertFalse(auth.userAgentRejected());
        assertEquals(302, auth.status());

        HttpResponse<String> tok = redeem(cb.get("code"), callback.redirectUri(), fake.clientId(), verifier);
        assertEquals(200, tok.statusCode(), tok.body());
        JsonNode t = CliHttp.json(tok);
        assertTrue(t.get("access_token").asText().startsWith("at_"));
        assertTrue(t.get("refresh_token").asText().startsWith("rt_"));
        assertEquals(86400, t.get("expires_in").asLong());
        assertEquals("Bearer", t.get("token_type").asText());
        RecordedRequest tr = fake.requests("/oauth/token").get(0);
        assertEquals(List.of("grant_type", "code", "redirect_uri", "client_id", "code_verifier"), tr.formParamNames());
        assertEquals(verifier, tr.formParam("code_verifier").orElseThrow());

        String at = t.get("access_token").asText();
        HttpResponse<String> me = http.get("/v1/users", at);
        assertEquals(200, me.statusCode());
        assertEquals(
                "{\"user\":{\"userId\":\"user_123\",\"emails\":[{\"emailAddress\":\"dev@example.com\"}]}}", me.body());
        HttpResponse<String> orgs = http.get("/v1/organizations", at);
        assertEquals(
                "{\"organizations\":[{\"name\":\"acme\",\"verboseName\":\"Acme Inc.\"},"
                        + "{\"name\":\"beta\",\"verboseName\":\"Beta Labs\"}]}",
                orgs.body());
        HttpResponse<String> daily = http.get("/v1/organizations/acme/daily", at);
        assertEquals("{\"apiKey\":\"daily_key_acme\"}", daily.body());
        assertEquals(1, fake.issuedTokens().size());
        assertEquals("authorization_code", fake.issuedTokens().get(0).grant());
        fake.assertNoUnexpectedRequests();
    }

    @Test
    void codeIsOneTime() throws Exception {
        String verifier = Pkce.newVerifier();
        String code = loginAndGetCode(verifier);
        assertEquals(
                200,
                redeem(code, callback.redirectUri(), fake.clientId(), verifier).statusCode());
        HttpResponse<String> again = redeem(code, callback.redirectUri(), fake.clientId(), verifier);
        assertEquals(400, again.statusCode());
        assertEquals("invalid_grant", CliHttp.json(again).get("error").asText());
        assertEquals(1, fake.issuedTokens().size());
    }

    @Test
    void unknownCodeIsInvalidGrant() throws Exception {
        HttpResponse<String> r = redeem("code_nope", callback.redirectUri(), fake.clientId(), Pkce.newVerifier());
        assertEquals(400, r.statusCode());
        assertEquals("invalid_grant", CliHttp.json(r).get("error").asText());
    }

    @Test
    void wrongVerifierIsRejected() throws Exception {
        String code = loginAndGetCode(Pkce.newVerifier());
        HttpResponse<String> r = redeem(code, callback.redirectUri(), fake.clientId(), Pkce.newVerifier());
        assertEquals(400, r.statusCode());
        assertEquals("invalid_grant", CliHttp.json(r).get("error").asText());
        assertTrue(fake.requests("/oauth/token").get(0).note().contains("PKCE"));
        assertTrue(fake.issuedTokens().isEmpty());
    }

    @Test
    void verifierSentAsChallengeIsRejected() throws Exception {
        // a CLI bug: sending the challenge (or plain) instead of the verifier
        String verifier = Pkce.newVerifier();
        String code = loginAndGetCode(verifier);
        HttpResponse<String> r = redeem(code, callback.redirectUri(), fake.clientId(), Pkce.challengeS256(verifier));
        assertEquals(400, r.statusCode());
    }

    @Test
    void redirectUriMismatchIsRejected() throws Exception {
        String verifier = Pkce.newVerifier();
        String code = loginAndGetCode(verifier);
        HttpResponse<String> r = redeem(code, "http://127.0.0.1:1/oauth_callback", fake.clientId(), verifier);
        assertEquals(400, r.statusCode());
        assertEquals("invalid_grant", CliHttp.json(r).get("error").asText());
        assertTrue(fake.requests("/oauth/token").get(0).note().contains("redirect_uri"));
    }

    @Test
    void clientIdMismatchIsRejected() throws Exception {
        String verifier = Pkce.newVerifier();
        String code = loginAndGetCode(verifier);
        HttpResponse<String> r = redeem(code, callback.redirectUri(), "someone_else", verifier);
        assertEquals(400, r.statusCode());
        assertEquals("invalid_grant", CliHttp.json(r).get("error").asText());
    }

    @Test
    void tokenEndpointNeedsFormEncoding() throws Exception {
        HttpResponse<String> r = http.postJson("/oauth/token", null, "{\"grant_type\":\"refresh_token\"}");
        assertEquals(400, r.statusCode());
        assertEquals("invalid_request", CliHttp.json(r).get("error").asText());
        HttpResponse<String> g = http.postForm("/oauth/token", "grant_type", "password", "username", "x");
        assertEquals("unsupported_grant_type", CliHttp.json(g).get("error").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "wrong response_type | response_type=token&client_id=CID&redirect_uri=RURI&scope=openid&code_challenge=CH&code_challenge_method=S256&state=s",
                "wrong client_id     | response_type=code&client_id=nope&redirect_uri=RURI&scope=openid&code_challenge=CH&code_challenge_method=S256&state=s",
                "localhost redirect  | response_type=code&client_id=CID&redirect_uri=http%3A%2F%2Flocalhost%3A5555%2Foauth_callback&scope=openid&code_challenge=CH&code_challenge_method=S256&state=s",
                "wrong callback path | response_type=code&client_id=CID&redirect_uri=http%3A%2F%2F127.0.0.1%3A5555%2Fcallback&scope=openid&code_challenge=CH&code_challenge_method=S256&state=s",
                "missing challenge   | response_type=code&client_id=CID&redirect_uri=RURI&scope=openid&code_challenge_method=S256&state=s",
                "short challenge     | response_type=code&client_id=CID&redirect_uri=RURI&scope=openid&code_challenge=abc&code_challenge_method=S256&state=s",
                "plain method        | response_type=code&client_id=CID&redirect_uri=RURI&scope=openid&code_challenge=CH&code_challenge_method=plain&state=s",
                "missing state       | response_type=code&client_id=CID&redirect_uri=RURI&scope=openid&code_challenge=CH&code_challenge_method=S256",
                "duplicate state     | response_type=code&client_id=CID&redirect_uri=RURI&scope=openid&code_challenge=CH&code_challenge_method=S256&state=a&state=b",
            })
    void invalidAuthorizeRequestsGet400AndNoRedirect(String name, String query) throws Exception {
        String q = query.replace("CID", fake.clientId())
                .replace("RURI", enc(callback.redirectUri()))
                .replace("CH", Pkce.challengeS256(Pkce.newVerifier()));
        FakeBrowser.Result r = FakeBrowser.open(fake.authorizationEndpoint() + "?" + q);
        assertEquals(400, r.status(), name);
        assertEquals(1, r.hops().size());
        assertTrue(callback.calls.isEmpty());
        assertFalse(fake.requests("/oauth/authorize").get(0).note().isEmpty());
    }

    @Test
    void validAuthorizeRequestFromTheSameTemplateRedirects() throws Exception {
        // guards the parameterized test above: the template itself is valid
        String q = ("response_type=code&client_id=CID&redirect_uri=RURI&scope=openid&code_challenge=CH"
                        + "&code_challenge_method=S256&state=s")
                .replace("CID", fake.clientId())
                .replace("RURI", enc(callback.redirectUri()))
                .replace("CH", Pkce.challengeS256(Pkce.newVerifier()));
        assertEquals(
                200, FakeBrowser.open(fake.authorizationEndpoint() + "?" + q).status());
    }

    @Test
    void denyRedirectsWithAccessDenied() throws Exception {
        fake.authorizeDeny("User said no");
        FakeBrowser.Result r = FakeBrowser.open(
                authorizationUrl(callback.redirectUri(), Pkce.challengeS256(Pkce.newVerifier()), "st&=1"));
        assertEquals(400, r.status()); // our callback's error page
        Map<String, String> cb = callback.last();
        assertEquals("access_denied", cb.get("error"));
        assertEquals("User said no", cb.get("error_description"));
        assertEquals("st&=1", cb.get("state"));
        assertNull(cb.get("code"));
    }

    @Test
    void wrongStateMode() throws Exception {
        fake.authorizeWithWrongState();
        FakeBrowser.open(authorizationUrl(callback.redirectUri(), Pkce.challengeS256(Pkce.newVerifier()), "mine"));
        Map<String, String> cb = callback.last();
        assertNotEquals("mine", cb.get("state"));
        assertTrue(cb.get("code").startsWith("code_"));
    }

    @Test
    void refreshRotatesTokens() throws Exception {
        Tokens t = fake.issueTokens(3600);
        HttpResponse<String> r = http.postForm(
                "/oauth/token",
                "grant_type",
                "refresh_token",
                "refresh_token",
                t.refreshToken(),
                "client_id",
                fake.clientId());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode n = CliHttp.json(r);
        String newAt = n.get("access_token").asText();
        String newRt = n.get("refresh_token").asText();
        assertNotEquals(t.accessToken(), newAt);
        assertNotEquals(t.refreshToken(), newRt);
        assertEquals(RefreshTokenStatus.ROTATED, fake.refreshTokenStatus(t.refreshToken()));
        assertTrue(fake.isRefreshTokenValid(newRt));
        assertEquals(200, http.get("/v1/users", newAt).statusCode());

        HttpResponse<String> reuse = http.postForm(
                "/oauth/token",
                "grant_type",
                "refresh_token",
                "refresh_token",
                t.refreshToken(),
                "client_id",
                fake.clientId());
        assertEquals(400, reuse.statusCode());
        assertEquals("invalid_grant", CliHttp.json(reuse).get("error").asText());
        HttpResponse<String> unknown = http.postForm(
                "/oauth/token",
                "grant_type",
                "refresh_token",
                "refresh_token",
                "rt_unknown",
                "client_id",
                fake.clientId());
        assertEquals(400, unknown.statusCode());
        assertEquals(RefreshTokenStatus.UNKNOWN, fake.refreshTokenStatus("rt_unknown"));
    }

    @Test
    void refreshWithoutNewRefreshToken() throws Exception {
        fake.newRefreshTokenOnRefresh(false);
        Tokens t = fake.issueTokens();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = http.postForm(
                    "/oauth/token",
                    "grant_type",
                    "refresh_token",
                    "refresh_token",
                    t.refreshToken(),
                    "client_id",
                    fake.clientId());
            assertEquals(200, r.statusCode());
            assertFalse(CliHttp.json(r).has("refresh_token"));
        }
        assertTrue(fake.isRefreshTokenValid(t.refreshToken()));
    }

    @Test
    void tokenResponseOptions() throws Exception {
        fake.accessTokenTtl(Duration.ofSeconds(120)).omitRefreshToken(true);
        String v = Pkce.newVerifier();
        JsonNode n = CliHttp.json(redeem(loginAndGetCode(v), callback.redirectUri(), fake.clientId(), v));
        assertEquals(120, n.get("expires_in").asLong());
        assertFalse(n.has("refresh_token"));

        fake.omitRefreshToken(false).omitExpiresIn(true);
        String v2 = Pkce.newVerifier();
        JsonNode n2 = CliHttp.json(redeem(loginAndGetCode(v2), callback.redirectUri(), fake.clientId(), v2));
        assertFalse(n2.has("expires_in"));
        assertTrue(n2.has("refresh_token"));
    }

    @Test
    void expiredAccessTokenGets401ButRefreshStillWorks() throws Exception {
        Tokens t = fake.issueTokens(3600);
        assertEquals(200, http.get("/v1/users", t.accessToken()).statusCode());
        fake.expireAccessTokens();
        assertFalse(fake.isAccessTokenValid(t.accessToken()));
        HttpResponse<String> r = http.get("/v1/users", t.accessToken());
        assertEquals(401, r.statusCode());
        assertEquals("{\"error\":\"Unauthorized\"}", r.body());
        assertEquals(
                200,
                http.postForm(
                                "/oauth/token",
                                "grant_type",
                                "refresh_token",
                                "refresh_token",
                                t.refreshToken(),
                                "client_id",
                                fake.clientId())
                        .statusCode());
    }

    @Test
    void zeroTtlTokensAreExpiredImmediately() throws Exception {
        Tokens t = fake.issueTokens(0);
        assertEquals(401, http.get("/v1/organizations", t.accessToken()).statusCode());
    }

    @Test
    void logoutRevokesRefreshAndAccessToken() throws Exception {
        Tokens t = fake.issueTokens(3600);
        Tokens other = fake.issueTokens(3600);
        HttpResponse<String> r =
                http.postJson("/auth/logout", t.accessToken(), "{\"refresh_token\":\"" + t.refreshToken() + "\"}");
        assertEquals(200, r.statusCode());
        assertEquals("{}", r.body());
        assertTrue(fake.isRefreshTokenRevoked(t.refreshToken()));
        assertEquals(401, http.get("/v1/users", t.accessToken()).statusCode());
        assertEquals(
                400,
                http.postForm(
                                "/oauth/token",
                                "grant_type",
                                "refresh_token",
                                "refresh_token",
                                t.refreshToken(),
                                "client_id",
                                fake.clientId())
                        .statusCode());
        // unrelated session unaffected
        assertEquals(200, http.get("/v1/users", other.accessToken()).statusCode());
        // unknown refresh token -> 400; no bearer -> 401
        assertEquals(
                400,
                http.postJson("/auth/logout", other.accessToken(), "{\"refresh_token\":\"rt_nope\"}")
                        .statusCode());
        assertEquals(
                401,
                http.postJson("/auth/logout", null, "{\"refresh_token\":\"" + other.refreshToken() + "\"}")
                        .statusCode());
        assertTrue(fake.isRefreshTokenValid(other.refreshToken()));
    }
}
