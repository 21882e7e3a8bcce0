package io.pipecat.cli.auth.login;

import java.util.Optional;

/**
 * What came back from the authorization server, through the loopback callback or pasted on stdin.
 * {@link #toString()} hides the code.
 *
 * @param code             the authorization code, if any
 * @param state            the returned state; empty for a bare pasted code (nothing to compare)
 * @param error            the OAuth {@code error}, if the server refused
 * @param errorDescription its {@code error_description}, if any
 */
record CallbackResult(
        Optional<String> code, Optional<String> state, Optional<String> error, Optional<String> errorDescription) {

    @Override
    public String toString() {
        return "CallbackResult[code=" + code.map(c -> "****").orElse("none") + ", error=" + error.orElse("none") + "]";
    }
}
