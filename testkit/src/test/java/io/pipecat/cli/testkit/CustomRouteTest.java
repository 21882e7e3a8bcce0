package io.pipecat.cli.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Routes a test adds to the fake: matching, path parameters, the API's checks, recording. */
class CustomRouteTest {
    private static final String AGENTS = "/v1/organizations/{org}/agents";

    FakePipecatCloud fake;
    CliHttp http;
    Tokens tokens;

    @BeforeEach
    void setUp() {
        fake = FakePipecatCloud.start().organizations(Organization.of("acme", "Acme"), Organization.of("zeta", "Zeta"));
        http = new CliHttp(fake.baseUrl());
        tokens = fake.issueTokens(3600);
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void aMatchingRequestGetsTheHandlersResponseWithThePathParameterDecoded() throws Exception {
        List<RouteRequest> seen = new CopyOnWriteArrayList<>();
        fake.route("GET", AGENTS, request -> {
            seen.add(request);
            return RouteResponse.json(200, Map.of("org", request.pathParam("org")))
                    .header("X-Fake", "yes");
        });

        HttpResponse<String> response = http.get("/v1/organizations/acme%20labs/agents", tokens.accessToken());

        assertEquals(200, response.statusCode());
        assertEquals("{\"org\":\"acme labs\"}", response.body());
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("yes", response.headers().firstValue("X-Fake").orElse(""));
        assertEquals(1, seen.size());
        assertEquals(Map.of("org", "acme labs"), seen.get(0).pathParams());
        assertEquals(
                List.of("acme", "zeta"),
                seen.get(0).visibleOrganizations().stream()
                        .map(Organization::name)
                        .toList());
        fake.assertNoUnexpectedRequests();
    }

    @Test
    void theRequestIsRecordedWithItsStatusAndTheRouteNamed() throws Exception {
        fake.route("POST", AGENTS, request -> RouteResponse.json(201, "{\"created\":true}"));

        http.postJson("/v1/organizations/acme/agents?dry_run=1", tokens.accessToken(), "{\"name\":\"bot\"}");

        RecordedRequest recorded = fake.awaitRequest("/v1/organizations/acme/agents", java.time.Duration.ofSeconds(5));
        assertEquals("POST", recorded.method());
        assertEquals(201, recorded.status());
        assertEquals("{\"name\":\"bot\"}", recorded.body());
        assertEquals("1", recorded.queryParam("dry_run").orElseThrow());
        assertEquals(tokens.accessToken(), recorded.bearerToken());
        assertTrue(recorded.note().contains("POST " + AGENTS), recorded.toString());
        assertFalse(recorded.unexpected());
    }

    @Test
    void aPatSeesOnlyItsOrganizations() throws Exception {
        fake.acceptPat("pcc_pat_acme", "acme")
                .route(
                        "GET",
                        AGENTS,
                        request -> request.canSee(request.pathParam("org"))
                                ? RouteResponse.json(200, "{\"agents\":[]}")
                                : RouteResponse.json(403, "{\"error\":\"Forbidden\"}"));

        assertEquals(
                200, http.get("/v1/organizations/acme/agents", "pcc_pat_acme").statusCode());
        assertEquals(
                403, http.get("/v1/organizations/zeta/agents", "pcc_pat_acme").statusCode());
    }

    @Test
    void withoutABearerTokenTheRouteAnswers401AndTheHandlerIsNotCalled() throws Exception {
        List<RouteRequest> seen = new CopyOnWriteArrayList<>();
        fake.route("GET", AGENTS, request -> {
            seen.add(request);
            return RouteResponse.json(200, "{}");
        });

        HttpResponse<String> none = http.get("/v1/organizations/acme/agents");
        HttpResponse<String> unknown = http.get("/v1/organizations/acme/agents", "not-a-token");
        fake.revokeAccessToken(tokens.accessToken());
        HttpResponse<String> revoked = http.get("/v1/organizations/acme/agents", tokens.accessToken());

        assertEquals(List.of(401, 401, 401), List.of(none.statusCode(), unknown.statusCode(), revoked.statusCode()));
        assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));
        assertTrue(seen.isEmpty(), "handler called for an unauthenticated request");
        assertEquals(3, fake.requests("/v1/organizations/acme/agents").size());
        fake.assertNoUnexpectedRequests();
    }

    @Test
    void anAnonymousRouteAnswersWithoutAToken() throws Exception {
        fake.route(Route.of("GET", "/v1/status", request -> RouteResponse.text(200, "up"))
                .anonymous());

        HttpResponse<String> response = http.get("/v1/status");

        assertEquals(200, response.statusCode());
        assertEquals("up", response.body());
    }

    @Test
    void aRequestWithoutTheCliUserAgentIsRejectedLikeOnTheBuiltInApi() throws Exception {
        fake.route("GET", AGENTS, request -> RouteResponse.json(200, "{}"));
        http.userAgent = "curl/8.0";

        HttpResponse<String> response = http.get("/v1/organizations/acme/agents", tokens.accessToken());

        assertEquals(403, response.statusCode());
        assertEquals(1, fake.userAgentRejectedRequests().size());
    }

    @Test
    void aPathNoRouteMatchesIsUnexpected() throws Exception {
        fake.route("GET", AGENTS, request -> RouteResponse.json(200, "{}"));

        // one segment too many, one too few, and a different tail
        assertEquals(
                404,
                http.get("/v1/organizations/acme/x/agents", tokens.accessToken())
                        .statusCode());
        assertEquals(
                404, http.get("/v1/organizations/agents", tokens.accessToken()).statusCode());
        assertEquals(
                404,
                http.get("/v1/organizations/acme/agentsx", tokens.accessToken()).statusCode());

        assertEquals(3, fake.unexpectedRequests().size());
        assertThrows(AssertionError.class, fake::assertNoUnexpectedRequests);
    }

    @Test
    void aWrongMethodIsUnexpectedAndAnswered405WithTheRoutesMethods() throws Exception {
        fake.route("GET", AGENTS, request -> RouteResponse.json(200, "{}"));

        HttpResponse<String> response = http.postJson("/v1/organizations/acme/agents", tokens.accessToken(), "{}");

        assertEquals(405, response.statusCode());
        assertEquals("GET", response.headers().firstValue("Allow").orElse(""));
        assertEquals(1, fake.unexpectedRequests().size());
    }

    @Test
    void aCustomRouteCanReplaceABuiltInAnswerAndClearRoutesRestoresIt() throws Exception {
        fake.route("GET", "/v1/organizations", request -> RouteResponse.json(200, "{\"organizations\":[]}"));
        assertEquals(
                "{\"organizations\":[]}",
                http.get("/v1/organizations", tokens.accessToken()).body());

        fake.clearRoutes();

        assertTrue(http.get("/v1/organizations", tokens.accessToken()).body().contains("\"acme\""));
    }

    @Test
    void aHandlerThatThrowsGives500() throws Exception {
        fake.route("GET", AGENTS, request -> {
            throw new IllegalStateException("boom");
        });

        assertEquals(
                500,
                http.get("/v1/organizations/acme/agents", tokens.accessToken()).statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1/no-slash", "/v1/{org", "/v1/{org}/{org}", "/v1/x?y=1", "/v1/{1org}"})
    void malformedTemplatesAreRefused(String template) {
        assertThrows(IllegalArgumentException.class, () -> Route.of("GET", template, r -> RouteResponse.status(204)));
    }
}
