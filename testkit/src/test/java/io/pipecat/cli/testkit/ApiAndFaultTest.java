package io.pipecat.cli.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiAndFaultTest {
    FakePipecatCloud fake;
    CliHttp http;
    Tokens tokens;

    @BeforeEach
    void setUp() {
        fake = FakePipecatCloud.start();
        http = new CliHttp(fake.baseUrl());
        tokens = fake.issueTokens(3600);
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void baseUrlIsLoopback() {
        assertEquals("http://127.0.0.1:" + fake.port(), fake.baseUrl());
        assertTrue(fake.port() > 0);
    }

    @Test
    void configuredOrgsUserAndDailyKeys() throws Exception {
        fake.organizations(new Organization("zeta", "Zeta", "dk_z"))
                .addOrganization("eta", null)
                .dailyKey("eta", "dk_eta")
                .user("user_9", "a@x.io", "b@x.io");
        assertEquals(
                "{\"organizations\":[{\"name\":\"zeta\",\"verboseName\":\"Zeta\"},"
                        + "{\"name\":\"eta\",\"verboseName\":null}]}",
                http.get("/v1/organizations", tokens.accessToken()).body());
        assertEquals(
                "{\"user\":{\"userId\":\"user_9\",\"emails\":[{\"emailAddress\":\"a@x.io\"},"
                        + "{\"emailAddress\":\"b@x.io\"}]}}",
                http.get("/v1/users", tokens.accessToken()).body());
        assertEquals(
                "{\"apiKey\":\"dk_eta\"}",
                http.get("/v1/organizations/eta/daily", tokens.accessToken()).body());
        HttpResponse<String> unknown = http.get("/v1/organizations/acme/daily", tokens.accessToken());
        assertEquals(404, unknown.statusCode());
        assertFalse(unknown.body().contains("apiKey"));
        fake.noOrganizations();
        assertEquals(
                "{\"organizations\":[]}",
                http.get("/v1/organizations", tokens.accessToken()).body());
        fake.assertNoUnexpectedRequests(); // 404 for an unknown org is an answer, not an unexpected request
    }

    @Test
    void apiKeysAreListedPerOrganizationForTheBearerOnly() throws Exception {
        fake.apiKeys(
                        "acme",
                        ApiKey.of("pk_1", "Default"),
                        ApiKey.of("pk_0", "Old")
                                .createdAt("2025-12-01T00:00:00Z")
                                .revoke())
                .acceptPat("pcc_pat_beta", "beta");
        assertEquals(
                "{\"public\":[{\"key\":\"pk_1\",\"metadata\":{\"name\":\"Default\"},"
                        + "\"createdAt\":\"" + ApiKey.DEFAULT_CREATED_AT + "\",\"revoked\":false},"
                        + "{\"key\":\"pk_0\",\"metadata\":{\"name\":\"Old\"},"
                        + "\"createdAt\":\"2025-12-01T00:00:00Z\",\"revoked\":true}]}",
                http.get("/v1/organizations/acme/apiKeys", tokens.accessToken()).body());
        assertEquals(
                "{\"public\":[]}",
                http.get("/v1/organizations/beta/apiKeys", tokens.accessToken()).body(),
                "an organization without keys lists none");
        assertEquals(401, http.get("/v1/organizations/acme/apiKeys").statusCode());
        assertEquals(
                401, http.get("/v1/organizations/acme/apiKeys", "at_forged").statusCode());
        assertEquals(
                403, http.get("/v1/organizations/acme/apiKeys", "pcc_pat_beta").statusCode(), "not visible");
        assertEquals(
                404,
                http.get("/v1/organizations/nope/apiKeys", tokens.accessToken()).statusCode());
        assertThrows(IllegalArgumentException.class, () -> fake.apiKeys("nope", ApiKey.of("pk", "x")));
        fake.assertNoUnexpectedRequests();
    }

    @Test
    void apiRequiresBearer() throws Exception {
        for (String p : List.of("/v1/organizations", "/v1/users", "/v1/organizations/acme/daily")) {
            HttpResponse<String> r = http.get(p);
            assertEquals(401, r.statusCode(), p);
            assertEquals("{\"error\":\"Unauthorized\"}", r.body());
            assertEquals(401, http.get(p, "at_forged").statusCode(), p);
        }
        fake.revokeAccessToken(tokens.accessToken());
        assertEquals(401, http.get("/v1/users", tokens.accessToken()).statusCode());
    }

    @Test
    void patAcceptedWithVisibleSubset() throws Exception {
        fake.acceptPat("pcc_pat_abc", "beta").acceptPat("pcc_pat_none");
        assertEquals(401, http.get("/v1/organizations", "pcc_pat_other").statusCode());
        HttpResponse<String> r = http.get("/v1/organizations", "pcc_pat_abc");
        assertEquals(200, r.statusCode());
        assertEquals("{\"organizations\":[{\"name\":\"beta\",\"verboseName\":\"Beta Labs\"}]}", r.body());
        assertEquals(
                "{\"apiKey\":\"daily_key_beta\"}",
                http.get("/v1/organizations/beta/daily", "pcc_pat_abc").body());
        assertEquals(
                403, http.get("/v1/organizations/acme/daily", "pcc_pat_abc").statusCode());
        assertEquals(200, http.get("/v1/users", "pcc_pat_abc").statusCode());
        assertEquals(
                "{\"organizations\":[]}",
                http.get("/v1/organizations", "pcc_pat_none").body());
        fake.acceptPatAllOrgs("pcc_pat_all");
        assertTrue(http.get("/v1/organizations", "pcc_pat_all").body().contains("acme"));
        fake.revokePat("pcc_pat_abc");
        assertEquals(401, http.get("/v1/organizations", "pcc_pat_abc").statusCode());
    }

    @Test
    void statusFaultOnceThenNormal() throws Exception {
        fake.fault("/v1/users", Fault.status(500));
        assertEquals(500, http.get("/v1/users", tokens.accessToken()).statusCode());
        assertEquals(200, http.get("/v1/users", tokens.accessToken()).statusCode());
        assertNotNull(fake.requests("/v1/users").get(0).fault());
        assertEquals(null, fake.requests("/v1/users").get(1).fault());
    }

    @Test
    void faultsQueueAndCount() throws Exception {
        fake.fault("/v1/organizations", Fault.status(503).times(2)).fault("/v1/organizations", Fault.status(502));
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            got.add(http.get("/v1/organizations", tokens.accessToken()).statusCode());
        }
        assertEquals(List.of(503, 503, 502, 200, 200), got);
        // other paths unaffected
        assertEquals(200, http.get("/v1/users", tokens.accessToken()).statusCode());
    }

    @Test
    void alwaysFaultUntilCleared() throws Exception {
        fake.fault("/auth/config", Fault.status(503, "<html>maintenance</html>").always());
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = http.get("/auth/config");
            assertEquals(503, r.statusCode());
            assertEquals("<html>maintenance</html>", r.body());
        }
        fake.clearFaults();
        assertEquals(200, http.get("/auth/config").statusCode());
    }

    @Test
    void delayFault() throws Exception {
        fake.fault("/v1/users", Fault.delay(Duration.ofMillis(1500)));
        http.timeout = Duration.ofMillis(300);
        assertThrows(HttpTimeoutException.class, () -> http.get("/v1/users", tokens.accessToken()));
        http.timeout = Duration.ofSeconds(5);
        fake.fault("/v1/users", Fault.delay(Duration.ofMillis(400)));
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.get("/v1/users", tokens.accessToken());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, r.statusCode());
        assertTrue(ms >= 390, "took " + ms + " ms");
    }

    @Test
    void malformedBodyFault() throws Exception {
        fake.fault("/v1/organizations", Fault.malformedBody());
        HttpResponse<String> r = http.get("/v1/organizations", tokens.accessToken());
        assertEquals(200, r.statusCode());
        assertThrows(JsonProcessingException.class, () -> CliHttp.JSON.readTree(r.body()));
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void dropConnectionFault() throws Exception {
        fake.fault("/oauth/token", Fault.dropConnection().always());
        HttpClient fresh = HttpClient.newHttpClient();
        HttpRequest req = http.req("/oauth/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token="
                        + tokens.refreshToken() + "&client_id=" + fake.clientId()))
                .build();
        IOException e = assertThrows(IOException.class, () -> fresh.send(req, HttpResponse.BodyHandlers.ofString()));
        assertFalse(e instanceof HttpTimeoutException, e.toString());
        assertEquals(-1, fake.requests("/oauth/token").get(0).status());
        assertTrue(fake.isRefreshTokenValid(tokens.refreshToken()), "dropped request must not be processed");

        // A GET: the JDK client silently retries an idempotent request once when the connection closes before
        // any response byte, so a single drop is invisible to it (Apache HttpClient 5 behaves alike).
        fake.fault("/v1/users", Fault.dropConnection());
        assertEquals(200, http.get("/v1/users", tokens.accessToken()).statusCode());
        assertEquals(
                List.of(-1, 200),
                fake.requests("/v1/users").stream().map(RecordedRequest::status).toList());
        // two drops defeat that retry; the count is then used up and the next request is normal
        fake.fault("/v1/users", Fault.dropConnection().times(2));
        assertThrows(
                IOException.class,
                () -> HttpClient.newHttpClient()
                        .send(
                                http.req("/v1/users")
                                        .header("Authorization", "Bearer " + tokens.accessToken())
                                        .build(),
                                HttpResponse.BodyHandlers.ofString()));
        assertEquals(200, http.get("/v1/users", tokens.accessToken()).statusCode());
    }

    @Test
    void nonCliUserAgentIsRejected() throws Exception {
        http.userAgent = "Java-http-client/17";
        HttpResponse<String> r = http.get("/v1/users", tokens.accessToken());
        assertEquals(403, r.statusCode());
        assertFalse(r.body().startsWith("{"));
        assertEquals(403, http.get("/auth/config").statusCode());
        assertEquals(
                403,
                http.postForm(
                                "/oauth/token",
                                "grant_type",
                                "refresh_token",
                                "refresh_token",
                                tokens.refreshToken(),
                                "client_id",
                                fake.clientId())
                        .statusCode());
        assertTrue(fake.isRefreshTokenValid(tokens.refreshToken()));
        assertEquals(3, fake.userAgentRejectedRequests().size());
        assertEquals(
                "Java-http-client/17", fake.userAgentRejectedRequests().get(0).userAgent());

        http.userAgent = "PipecatCloudCLI/1.2.3 (linux)";
        assertEquals(200, http.get("/v1/users", tokens.accessToken()).statusCode());
        http.userAgent = "pipecatcloudcli/1.0"; // prefix is case-sensitive
        assertEquals(403, http.get("/v1/users", tokens.accessToken()).statusCode());

        fake.requireCliUserAgent(false);
        http.userAgent = "curl/8.0";
        assertEquals(200, http.get("/v1/users", tokens.accessToken()).statusCode());
        assertEquals(4, fake.userAgentRejectedRequests().size());
    }

    @Test
    void unexpectedRequestsAreDetected() throws Exception {
        fake.assertNoUnexpectedRequests();
        assertEquals(404, http.get("/v1/agents").statusCode());
        assertEquals(405, http.postJson("/v1/users", tokens.accessToken(), "{}").statusCode());
        assertEquals(200, http.get("/v1/users", tokens.accessToken()).statusCode());
        List<RecordedRequest> u = fake.unexpectedRequests();
        assertEquals(2, u.size());
        AssertionError e = assertThrows(AssertionError.class, fake::assertNoUnexpectedRequests);
        assertTrue(e.getMessage().contains("GET /v1/agents"), e.getMessage());
        assertTrue(e.getMessage().contains("POST /v1/users"), e.getMessage());
        assertFalse(e.getMessage().contains("GET /v1/users"), e.getMessage());
        fake.clearRequests();
        fake.assertNoUnexpectedRequests();
    }

    @Test
    void recordsEverything() throws Exception {
        http.postForm(
                "/oauth/token?x=1&y=%20z",
                "grant_type", "refresh_token", "client_id", fake.clientId(), "refresh_token", tokens.refreshToken());
        RecordedRequest r = fake.requests().get(0);
        assertEquals("POST", r.method());
        assertEquals("/oauth/token", r.path());
        assertEquals("x=1&y=%20z", r.rawQuery());
        assertEquals(List.of(new Param("x", "1"), new Param("y", " z")), r.queryParams());
        assertEquals("PipecatCloudCLI/test", r.header("user-agent").orElseThrow());
        assertEquals(List.of("grant_type", "client_id", "refresh_token"), r.formParamNames());
        assertTrue(r.body().startsWith("grant_type=refresh_token&client_id="));
        assertEquals(200, r.status());
        assertEquals(1, fake.requests("/oauth/token").size());
        assertEquals(0, fake.requests("/v1/users").size());
    }

    @Test
    void concurrentRequestsAreAllRecorded() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                fs.add(pool.submit(
                        () -> http.get("/v1/users", tokens.accessToken()).statusCode()));
            }
            for (Future<Integer> f : fs) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(40, fake.requests("/v1/users").size());
        assertEquals(
                40,
                fake.requests().stream()
                        .mapToLong(RecordedRequest::sequence)
                        .distinct()
                        .count());
    }

    @Test
    void awaitRequest() throws Exception {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(200);
                http.get("/auth/config");
            } catch (Exception ignored) {
                // the assertion below fails instead
            }
        });
        t.start();
        assertEquals(
                200, fake.awaitRequest("/auth/config", Duration.ofSeconds(5)).status());
        assertThrows(AssertionError.class, () -> fake.awaitRequest("/v1/never", Duration.ofMillis(100)));
        t.join();
    }

    @Test
    void demoAccount() throws Exception {
        try (FakePipecatCloud demo = FakePipecatCloud.startDemo(0)) {
            CliHttp h = new CliHttp(demo.baseUrl());
            assertTrue(h.get("/v1/organizations", "pcc_pat_demo").body().contains("\"Acme Inc.\""));
            assertTrue(h.get("/v1/organizations", "pcc_pat_demo").body().contains("\"beta\""));
            assertTrue(h.get("/v1/users", "pcc_pat_demo").body().contains("dev@example.com"));
            assertEquals(
                    200, h.get("/v1/organizations/acme/daily", "pcc_pat_demo").statusCode());
            String usage = demo.usage();
            assertTrue(usage.contains("export PIPECAT_API_HOST=" + demo.baseUrl()), usage);
        }
    }

    @Test
    void closeStopsServer() throws Exception {
        String base = fake.baseUrl();
        fake.close();
        assertThrows(IOException.class, () -> new CliHttp(base).get("/auth/config"));
    }

    // ---------------------------------------------------------------- FakeBrowser as a program

    private static int runBrowser(String... args) {
        return FakeBrowser.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void browserMainExitCodes() throws Exception {
        try (LoopbackCallback cb = new LoopbackCallback()) {
            String good = fake.authorizationEndpoint() + "?response_type=code&client_id=" + fake.clientId()
                    + "&redirect_uri=" + OAuthFlowTest.enc(cb.redirectUri()) + "&scope=openid&code_challenge="
                    + Pkce.challengeS256(Pkce.newVerifier()) + "&code_challenge_method=S256&state=s1";
            // BROWSER-style: extra leading arguments, URL last
            assertEquals(0, runBrowser("--new-window", good));
            assertEquals(1, cb.calls.size());
            assertEquals(1, runBrowser(good.replace("S256", "plain"))); // fake answers 400
            fake.authorizeDeny("no");
            assertEquals(1, runBrowser(good)); // callback error page (400)
        }
        assertEquals(1, runBrowser("http://127.0.0.1:1/unreachable")); // connection refused
        assertEquals(2, runBrowser());
        assertEquals(2, runBrowser("not-a-url"));
    }
}
