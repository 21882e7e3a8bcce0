package io.pipecat.cli.core.internal;

import io.pipecat.cli.credentials.ActiveToken;
import io.pipecat.cli.credentials.CredentialBroker;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.http.ApiRequest;
import io.pipecat.cli.http.ApiResponse;
import io.pipecat.cli.http.HttpTransport;
import io.pipecat.cli.http.PipecatApiClient;
import io.pipecat.cli.http.ResponseLimitException;
import io.pipecat.cli.http.UrlPolicy;
import java.io.IOException;
import java.net.URI;
import java.util.function.Supplier;

/** {@link PipecatApiClient} over the context's transport and credential broker. */
public final class DefaultPipecatApiClient implements PipecatApiClient {
    /** The message of docs/behaviour.md#whoami for a 401. */
    public static final String UNAUTHORIZED =
            "Unauthorized request / invalid user token. Please log in again using pipecat cloud auth login";

    /**
     * A 401 for the token of {@code PIPECAT_TOKEN}: logging in again would not help (the variable
     * takes precedence over any stored login), so the message points at the variable.
     */
    public static final String UNAUTHORIZED_ENV_TOKEN = "Unauthorized request: the API refused the token in "
            + "PIPECAT_TOKEN. Check the PIPECAT_TOKEN variable (it takes precedence over the stored login; "
            + "unset it to use that instead).";

    private final Supplier<String> apiHost;
    private final Supplier<HttpTransport> transport;
    private final CredentialBroker broker;

    public DefaultPipecatApiClient(
            Supplier<String> apiHost, Supplier<HttpTransport> transport, CredentialBroker broker) {
        this.apiHost = apiHost;
        this.transport = transport;
        this.broker = broker;
    }

    @Override
    public ApiResponse get(String path) {
        return send(ApiRequest.get(uri(path)));
    }

    @Override
    public ApiResponse postJson(String path, String json) {
        return send(ApiRequest.postJson(uri(path), json));
    }

    private URI uri(String path) {
        URI base = UrlPolicy.parse(apiHost.get(), "the API host (PIPECAT_API_HOST)");
        return URI.create(base + (path.startsWith("/") ? path : "/" + path));
    }

    private ApiResponse send(ApiRequest request) {
        // The transport first: a bad PIPECAT_HTTP_TIMEOUT is a usage error, not a failed token refresh.
        HttpTransport http = transport.get();
        ActiveToken token = broker.requireToken();
        ApiResponse response;
        try {
            response = http.send(request.withBearer(token.token()));
        } catch (ResponseLimitException e) {
            throw CliException.error(e.describe("The API server"), e);
        } catch (IOException e) {
            throw CliException.error(
                    "Could not reach the Pipecat Cloud API at " + UrlPolicy.safe(request.uri())
                            + " (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + ").",
                    e);
        }
        if (response.status() == 401) {
            throw CliException.notAuthenticated(token.fromEnvironment() ? UNAUTHORIZED_ENV_TOKEN : UNAUTHORIZED);
        }
        return response;
    }
}
