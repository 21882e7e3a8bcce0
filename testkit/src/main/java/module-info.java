/**
 * Test kit: a fake Pipecat Cloud (API + OAuth/OIDC issuer, custom routes), a fake browser, and
 * {@link io.pipecat.cli.testkit.PipecatTestCli}, which runs the real CLI in-process against a
 * temporary config folder and the fake.
 */
module io.pipecat.cli.testkit {
    requires jdk.httpserver;
    requires java.net.http;
    requires com.fasterxml.jackson.databind;
    // Only PipecatTestCli needs the CLI. Static, so the fake cloud and the fake browser still run
    // on their own with Jackson alone (java -p testkit.jar:jackson.jar -m ...); in a test run the
    // launcher and core are on the path and resolved.
    requires static transitive io.pipecat.cli.core;
    requires static io.pipecat.cli.launcher;

    exports io.pipecat.cli.testkit;

    opens io.pipecat.cli.testkit to
            com.fasterxml.jackson.databind;
}
