package io.pipecat.cli.http;

/**
 * Authenticated access to the Pipecat Cloud API for commands of any plugin. The token comes
 * from the core's credential broker ({@code PIPECAT_TOKEN}, else the configured store), refreshed
 * first when it is about to expire; plugins never handle the store themselves.
 *
 * <p>Errors: no token → exit 4 ("You are not logged in…"); HTTP 401 → exit 4 ("Unauthorized
 * request / invalid user token…", or, for a token from {@code PIPECAT_TOKEN}, a request to check that
 * variable); network failure → exit 1. Other statuses are returned.
 */
public interface PipecatApiClient {
    /**
     * @param path path below the API host, e.g. {@code /v1/organizations}
     * @return the response (never a 401)
     */
    ApiResponse get(String path);

    /**
     * @param path path below the API host
     * @param json request body
     * @return the response (never a 401)
     */
    ApiResponse postJson(String path, String json);
}
