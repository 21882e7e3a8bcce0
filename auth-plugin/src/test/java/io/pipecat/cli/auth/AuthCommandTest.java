package io.pipecat.cli.auth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.testkit.FakePipecatCloud;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every auth command test runs against a fresh fake Pipecat Cloud with a temporary home; afterwards
 * the fake must have seen no unexpected request and only the CLI's own User-Agent.
 */
abstract class AuthCommandTest {
    @TempDir
    Path home;

    FakePipecatCloud fake;
    AuthCli cli;

    @BeforeEach
    final void startFakeCloud() {
        fake = FakePipecatCloud.start();
        cli = new AuthCli(home, fake);
    }

    @AfterEach
    final void checkAndStopFakeCloud() {
        try {
            fake.assertNoUnexpectedRequests();
            assertTrue(fake.userAgentRejectedRequests().isEmpty(), "every request carries the CLI User-Agent");
        } finally {
            fake.close();
        }
    }
}
