package io.pipecat.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.auth.oauth.PkceParameters;
import io.pipecat.cli.testkit.Pkce;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** docs/behaviour.md#login step 4, checked against the test kit's independent PKCE implementation. */
class PkceParametersTest {

    @Test
    void verifierChallengeAndStateHaveTheSpecShape() {
        PkceParameters pkce = PkceParameters.generate(new SecureRandom());
        assertEquals(86, pkce.verifier().length(), "64 bytes base64url without padding");
        assertEquals(43, pkce.state().length(), "32 bytes base64url without padding");
        assertTrue(Pkce.isValidVerifier(pkce.verifier()));
        assertEquals(Pkce.challengeS256(pkce.verifier()), pkce.challenge());
        assertFalse(pkce.verifier().contains("=") || pkce.state().contains("="));
    }

    @Test
    void everyLoginGetsFreshValuesAndToStringHidesThem() {
        SecureRandom random = new SecureRandom();
        PkceParameters a = PkceParameters.generate(random);
        PkceParameters b = PkceParameters.generate(random);
        assertNotEquals(a.verifier(), b.verifier());
        assertNotEquals(a.state(), b.state());
        assertFalse(a.toString().contains(a.verifier()) || a.toString().contains(a.state()), a.toString());
    }
}
