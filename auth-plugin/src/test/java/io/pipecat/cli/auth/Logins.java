package io.pipecat.cli.auth;

import io.pipecat.cli.testkit.Tokens;

/** Config files as a login or a use-pat would have left them. */
final class Logins {
    private Logins() {}

    /** An OAuth login whose token expires {@code secondsLeft} after {@link AuthCli#NOW}. */
    static String oauth(Tokens tokens, double secondsLeft, String org) {
        return "token = \"" + tokens.accessToken() + "\"\n"
                + "org = \"" + org + "\"\n"
                + "refresh_token = \"" + tokens.refreshToken() + "\"\n"
                + "token_expires_at = " + (AuthCli.NOW.getEpochSecond() + secondsLeft) + "\n"
                + "\n[" + org + "]\ndefault_public_key = \"pk_" + org
                + "\"\ndefault_public_key_name = \"Default key\"\n";
    }

    static String pat(String pat, String org) {
        return "token = \"" + pat + "\"\norg = \"" + org + "\"\nrefresh_token = \"\"\ntoken_expires_at = 0\n" + "\n["
                + org + "]\ndefault_public_key = \"pk_" + org + "\"\n";
    }
}
