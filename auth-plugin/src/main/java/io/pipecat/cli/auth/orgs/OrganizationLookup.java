package io.pipecat.cli.auth.orgs;

import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.http.ApiRequest;
import io.pipecat.cli.http.ApiResponse;
import io.pipecat.cli.http.ResponseLimitException;
import io.pipecat.cli.http.UrlPolicy;
import java.io.IOException;
import java.net.URI;

/**
 * {@code GET {api}/v1/organizations} with a token that is not stored yet (a fresh login or a PAT
 * being validated), so it goes through the transport rather than the broker's API client.
 */
public final class OrganizationLookup {
    private OrganizationLookup() {}

    /**
     * @return the response, whatever its status
     * @throws CliException exit 1 when the API cannot be reached
     */
    public static ApiResponse fetch(CommandContext context, String bearerToken) {
        URI uri = URI.create(
                UrlPolicy.parse(context.settings().apiHost(), "the API host (PIPECAT_API_HOST)") + "/v1/organizations");
        try {
            return context.http().send(ApiRequest.get(uri).withBearer(bearerToken));
        } catch (ResponseLimitException e) {
            throw CliException.error(e.describe("The API server"), e);
        } catch (IOException e) {
            throw CliException.error(
                    "Could not reach the Pipecat Cloud API at " + UrlPolicy.safe(uri) + " ("
                            + e.getClass().getSimpleName() + ").",
                    e);
        }
    }
}
