package io.pipecat.cli.testkit;

/** Server-side state of a refresh token. */
public enum RefreshTokenStatus {
    /** Issued and usable. */
    ACTIVE,
    /** Used in a refresh_token grant and replaced by a new one (rotation). */
    ROTATED,
    /** Revoked by POST /auth/logout or {@link FakePipecatCloud#revokeRefreshToken}. */
    REVOKED,
    /** Never issued by this fake. */
    UNKNOWN
}
