package io.pipecat.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipecat.cli.e2e.CliProcess.Result;
import io.pipecat.cli.testkit.FakePipecatCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripts written for the official CLI, through the real process: {@code echo "$PAT" | pipecat
 * cloud auth use-pat} (no argument, stdin a pipe), then {@code pipecat cloud auth token} for
 * {@code curl -H "Authorization: Bearer $(pipecat cloud auth token)"}, and {@code auth status}.
 */
class TokenFromStdinEndToEndTest {
    private static final String PAT = "pcc_pat_e2e_piped_0123456789";

    @TempDir
    Path home;

    private FakePipecatCloud fake;
    private CliProcess cli;

    @BeforeEach
    void start() {
        fake = FakePipecatCloud.start().acceptPatAllOrgs(PAT);
        cli = new CliProcess(home).env("PIPECAT_API_HOST", fake.baseUrl());
    }

    @AfterEach
    void stop() {
        fake.assertNoUnexpectedRequests();
        fake.close();
    }

    @Test
    void aPipedPatIsStoredAndAuthTokenPrintsItAlone() throws Exception {
        Result usePat = cli.stdin(PAT + "\n").run("cloud", "auth", "use-pat");
        assertEquals(0, usePat.exit(), usePat.err());
        assertTrue(usePat.out().startsWith("Authenticated via PAT. Active organization: acme\n"), usePat.out());
        assertEquals("", usePat.err(), "no history warning, no prompt");
        Path config = home.resolve(".config/pipecatcloud/pipecatcloud.toml");
        assertTrue(Files.readString(config).contains("token = \"" + PAT + "\""));

        Result token = cli.stdin("").run("cloud", "auth", "token");
        assertEquals(0, token.exit(), token.err());
        assertEquals(PAT + "\n", token.out());
        assertEquals("", token.err());

        Result status = cli.run("cloud", "auth", "status", "--json");
        assertEquals(0, status.exit(), status.err());
        JsonNode json = new ObjectMapper().readTree(status.out());
        assertEquals("file", json.get("token_source").asText());
        assertEquals("PAT", json.get("auth_method").asText());
        assertEquals("pcc_pat_****", json.get("token").asText());
    }

    @Test
    void anEmptyPipeIsAUsageErrorAndAuthTokenThenExits4() {
        Result usePat = cli.stdin("").run("cloud", "auth", "use-pat");
        assertEquals(2, usePat.exit(), usePat.err());
        assertEquals(1, usePat.err().lines().count(), usePat.err());

        Result token = cli.run("cloud", "auth", "token");
        assertEquals(4, token.exit(), token.err());
        assertEquals("", token.out());
        assertEquals("You are not logged in. Please run pipecat cloud auth login first.\n", token.err());
    }
}
