package io.pipecat.example.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.testkit.CliResult;
import io.pipecat.cli.testkit.FakePipecatCloud;
import io.pipecat.cli.testkit.Organization;
import io.pipecat.cli.testkit.PipecatTestCli;
import io.pipecat.cli.testkit.RecordedRequest;
import io.pipecat.cli.testkit.RouteResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipecat hello agents} against a route the test adds to the fake cloud, through the test
 * kit's public harness only.
 */
class AgentsCommandTest {
    private static final String PAT = "pcc_pat_example";
    private static final String AGENTS = "/v1/organizations/{org}/agents";

    @TempDir
    Path home;

    FakePipecatCloud fake;
    PipecatTestCli cli;

    @BeforeEach
    void setUp() {
        fake = FakePipecatCloud.start()
                .organizations(Organization.of("acme", "Acme"), Organization.of("zeta", "Zeta"))
                .acceptPat(PAT, "acme");
        fake.route(
                "GET",
                AGENTS,
                request -> request.canSee(request.pathParam("org"))
                        ? RouteResponse.json(
                                200,
                                "{\"agents\":[{\"name\":\"bot-" + request.pathParam("org")
                                        + "\"},{\"name\":\"support\"}]}")
                        : RouteResponse.json(403, "{\"error\":\"Forbidden\"}"));
        cli = PipecatTestCli.create(fake, home);
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void listsTheAgentsOfTheActiveOrganizationOneALine() {
        CliResult result = cli.signedIn(PAT, "acme").run("hello", "agents");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("bot-acme\nsupport\n", result.stdout());
        assertEquals("", result.stderr());
        RecordedRequest request = fake.requests("/v1/organizations/acme/agents").get(0);
        assertEquals(PAT, request.bearerToken());
        assertTrue(request.userAgent().startsWith(FakePipecatCloud.CLI_USER_AGENT_PREFIX), request.toString());
        fake.assertNoUnexpectedRequests();
    }

    @Test
    void anOrganizationTheTokenCannotSeeIsAnErrorNamingTheStatus() {
        CliResult result = cli.signedIn(PAT, "zeta").run("hello", "agents");

        assertEquals(1, result.exitCode(), result.toString());
        assertEquals("", result.stdout());
        assertEquals("Could not list the agents of zeta (HTTP 403).\n", result.stderr());
    }

    @Test
    void aRevokedTokenExitsFourWithoutPrintingIt() {
        fake.revokePat(PAT);

        CliResult result = cli.signedIn(PAT, "acme").run("hello", "agents");

        assertEquals(4, result.exitCode(), result.toString());
        assertEquals(401, fake.requests("/v1/organizations/acme/agents").get(0).status());
        assertTrue(!result.output().contains(PAT), result.toString());
    }

    @Test
    void withoutLoginNoRequestIsMadeAndTheExitCodeIsFour() {
        CliResult result = cli.run("hello", "agents");

        assertEquals(4, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("pipecat cloud auth login"), result.toString());
        assertTrue(fake.requests().isEmpty(), fake.requests().toString());
    }

    @Test
    void anEmptyListSaysSoOnStderr() {
        fake.clearRoutes().route("GET", AGENTS, request -> RouteResponse.json(200, "{\"agents\":[]}"));

        CliResult result = cli.signedIn(PAT, "acme").run("hello", "agents");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("", result.stdout());
        assertEquals("No agents in acme.\n", result.stderr());
    }

    @Test
    void aBodyWithoutAnAgentsListIsAnError() {
        fake.clearRoutes().route("GET", AGENTS, request -> RouteResponse.json(200, List.of("not", "an", "object")));

        CliResult result = cli.signedIn(PAT, "acme").run("hello", "agents");

        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("no agents list"), result.toString());
    }

    @Test
    void theRouteIsTheOnlyOneTheCommandNeeds() {
        fake.clearRoutes();

        CliResult result = cli.signedIn(PAT, "acme").run("hello", "agents");

        assertEquals(1, result.exitCode(), result.toString());
        assertEquals("Could not list the agents of acme (HTTP 404).\n", result.stderr());
        assertEquals(1, fake.unexpectedRequests().size());
    }
}
