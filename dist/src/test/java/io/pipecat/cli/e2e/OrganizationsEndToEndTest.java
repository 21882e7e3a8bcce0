package io.pipecat.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.e2e.CliProcess.Result;
import io.pipecat.cli.testkit.ApiKey;
import io.pipecat.cli.testkit.FakePipecatCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The organizations plugin as it ships, in the real CLI process: {@code organizations select -o}
 * and {@code organizations keys use --key} rewrite the shared config file as the official CLI does,
 * and an unknown {@code PIPECAT_ORG} fails {@code whoami}.
 */
class OrganizationsEndToEndTest {
    private static final String PAT = "pcc_pat_orgs_e2e";

    @TempDir
    Path home;

    private FakePipecatCloud fake;
    private CliProcess cli;
    private Path config;

    @BeforeEach
    void start() throws Exception {
        fake = FakePipecatCloud.start()
                .acceptPatAllOrgs(PAT)
                .apiKeys(
                        "beta",
                        ApiKey.of("pk_beta_live", "Live"),
                        ApiKey.of("pk_beta_old", "Old").revoke());
        cli = new CliProcess(home).env("PIPECAT_API_HOST", fake.baseUrl());
        config = home.resolve(".config/pipecatcloud/pipecatcloud.toml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                token = "pcc_pat_orgs_e2e"
                org = "acme"
                refresh_token = ""
                token_expires_at = 0

                [acme]
                default_public_key = "pk_acme"
                default_public_key_name = "Acme key"
                """);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void selectThenKeysUseRewriteTheSharedFile() throws Exception {
        Result select = cli.run("cloud", "organizations", "select", "-o", "beta");
        assertEquals(0, select.exit(), select.err());
        assertTrue(select.out().startsWith("Current organization set to Beta Labs (beta).\n"), select.out());

        Result use = cli.run("cloud", "organizations", "keys", "use", "--key", "Live");
        assertEquals(0, use.exit(), use.err());

        assertEquals("""
                token = "pcc_pat_orgs_e2e"
                org = "beta"
                refresh_token = ""
                token_expires_at = 0

                [acme]
                default_public_key = "pk_acme"
                default_public_key_name = "Acme key"

                [beta]
                default_public_key = "pk_beta_live"
                default_public_key_name = "Live"
                """, Files.readString(config));

        Result list = cli.run("cloud", "organizations", "keys", "list");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("Live  pk_beta_live"), list.out());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("Live") && l.endsWith("default")), list.out());

        assertEquals("", select.err() + use.err() + list.err(), "no warning");
        Result withoutTerminal = cli.run("cloud", "organizations", "select");
        assertEquals(2, withoutTerminal.exit(), withoutTerminal.err());
        assertTrue(withoutTerminal.err().contains("-o ORG"), withoutTerminal.err());
        fake.assertNoUnexpectedRequests();
    }

    @Test
    void anUnknownPipecatOrgFailsWhoami() {
        Result whoami = cli.env("PIPECAT_ORG", "nope").run("cloud", "auth", "whoami");

        assertEquals(1, whoami.exit(), whoami.out() + whoami.err());
        assertEquals("", whoami.out());
        assertTrue(
                whoami.err().startsWith("Unknown organization 'nope' (from PIPECAT_ORG): yours are acme, beta."),
                whoami.err());
    }
}
