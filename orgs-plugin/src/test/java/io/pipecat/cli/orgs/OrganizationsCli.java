package io.pipecat.cli.orgs;

import io.pipecat.cli.testkit.ApiKey;
import io.pipecat.cli.testkit.FakePipecatCloud;
import io.pipecat.cli.testkit.Organization;
import io.pipecat.cli.testkit.PipecatTestCli;
import java.nio.file.Path;

/**
 * The set-up the organizations tests share: a fake cloud with acme and beta and their keys, and a
 * config file written as the official CLI writes it (a PAT login, active org acme with a default
 * key, and a table of an organization the server no longer lists).
 */
final class OrganizationsCli {
    static final String PAT = "pcc_pat_orgs_test";

    /** The config file before each test, in the layout the official CLI's TOML library writes. */
    static final String CONFIG = """
            token = "pcc_pat_orgs_test"
            org = "acme"
            refresh_token = ""
            token_expires_at = 0

            [acme]
            default_public_key = "pk_acme_live"
            default_public_key_name = "Production"

            [gamma]
            default_public_key = "pk_gamma"
            retries = 3
            """;

    private OrganizationsCli() {}

    static FakePipecatCloud fake() {
        return FakePipecatCloud.start()
                .organizations(Organization.of("acme", "Acme Inc."), Organization.of("beta", "Beta Labs"))
                .acceptPatAllOrgs(PAT)
                .apiKeys(
                        "acme",
                        ApiKey.of("pk_acme_live", "Production"),
                        ApiKey.of("pk_acme_ci", "CI").createdAt("2026-02-01T09:30:00.000Z"),
                        ApiKey.of("pk_acme_old", "Old").revoke())
                .apiKeys("beta", ApiKey.of("pk_beta_1", "Beta default"));
    }

    /**
     * A harness whose config file is {@link #CONFIG}: logged in through the file, no PIPECAT_* but the
     * host. NO_COLOR: the picker tests make stderr a terminal, and these tests compare plain text.
     */
    static PipecatTestCli cli(FakePipecatCloud fake, Path home) {
        return PipecatTestCli.create(fake, home).writeConfig(CONFIG).env("NO_COLOR", "1");
    }
}
