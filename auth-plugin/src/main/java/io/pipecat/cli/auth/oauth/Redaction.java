package io.pipecat.cli.auth.oauth;

/** How secrets are shown to the user (docs/behaviour.md#--show-cli-config) and kept out of messages. */
public final class Redaction {
    private Redaction() {}

    /**
     * @param secret a token or refresh token; may be null or empty
     * @return the first 8 characters + {@code ****} when longer than 12 characters, else {@code ****};
     *     {@code ""} for null or empty
     */
    public static String redact(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        return secret.length() > 12 ? secret.substring(0, 8) + "****" : "****";
    }

    /** @return {@code text} with every occurrence of each non-empty secret replaced by {@code ****} */
    public static String scrub(String text, String... secrets) {
        String result = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                result = result.replace(secret, "****");
            }
        }
        return result;
    }
}
