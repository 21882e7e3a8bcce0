package io.pipecat.cli.auth.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets of one authorization request (docs/behaviour.md#login step 4): a PKCE code verifier (64 random
 * bytes, base64url without padding), its S256 challenge and a {@code state} (32 random bytes).
 * {@link #toString()} shows none of them.
 *
 * @param verifier  the code verifier; secret, sent only to the token endpoint
 * @param challenge base64url(SHA-256(verifier)) without padding
 * @param state     the anti-CSRF value echoed by the callback
 */
public record PkceParameters(String verifier, String challenge, String state) {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** @return fresh parameters from {@code random} */
    public static PkceParameters generate(SecureRandom random) {
        String verifier = randomBase64Url(random, 64);
        return new PkceParameters(verifier, challengeS256(verifier), randomBase64Url(random, 32));
    }

    /** @return base64url(SHA-256(ASCII(verifier))) without padding */
    public static String challengeS256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return BASE64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String randomBase64Url(SecureRandom random, int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return BASE64URL.encodeToString(buffer);
    }

    @Override
    public String toString() {
        return "PkceParameters[verifier=****, challenge=" + challenge + ", state=****]";
    }
}
