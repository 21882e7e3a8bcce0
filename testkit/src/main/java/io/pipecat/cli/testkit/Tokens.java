package io.pipecat.cli.testkit;

/**
 * A token set issued by the fake (directly via {@link FakePipecatCloud#issueTokens} or through /oauth/token).
 *
 * @param accessToken  the access token ({@code at_...})
 * @param refreshToken the refresh token ({@code rt_...}), or {@code null} if none was issued
 * @param expiresIn    lifetime of the access token in seconds (as configured; also when expires_in was omitted on the wire)
 * @param grant        how it was obtained: {@code "direct"}, {@code "authorization_code"} or {@code "refresh_token"}
 */
public record Tokens(String accessToken, String refreshToken, long expiresIn, String grant) {}
