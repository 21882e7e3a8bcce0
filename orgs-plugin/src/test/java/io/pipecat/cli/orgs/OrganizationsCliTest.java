package io.pipecat.cli.orgs;

import io.pipecat.cli.testkit.FakePipecatCloud;
import io.pipecat.cli.testkit.PipecatTestCli;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** What every organizations test starts from: {@link OrganizationsCli#fake()} and {@link OrganizationsCli#cli}. */
abstract class OrganizationsCliTest {
    @TempDir
    Path home;

    FakePipecatCloud fake;
    PipecatTestCli cli;

    @BeforeEach
    void setUp() {
        fake = OrganizationsCli.fake();
        cli = OrganizationsCli.cli(fake, home);
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }
}
