/** Test kit: a fake Pipecat Cloud (API + OAuth/OIDC issuer) and a fake browser. */
module io.pipecat.cli.testkit {
    requires jdk.httpserver;
    requires java.net.http;
    requires com.fasterxml.jackson.databind;

    exports io.pipecat.cli.testkit;
    opens io.pipecat.cli.testkit to com.fasterxml.jackson.databind;
}
