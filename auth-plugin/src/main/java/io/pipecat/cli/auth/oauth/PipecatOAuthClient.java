package io.pipecat.cli.auth.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.http.ApiRequest;
import io.pipecat.cli.http.ApiResponse;
import io.pipecat.cli.http.HttpTransport;
import io.pipecat.cli.http.ResponseLimitException;
import io.pipecat.cli.http.UrlPolicy;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth 2.0 / OIDC client of Pipecat Cloud (docs/behaviour.md#login): auth configuration, discovery with all
 * of its checks, the authorization URL, the code exchange and the refresh grant. Stateless; it
 * sends everything through the context's {@link HttpTransport} (User-Agent, timeouts, proxy).
 *
 * <p>Every failure is a {@link CliException} with a one-line message that never contains a
 * secret: discovery and network problems exit 1, a token endpoint that refuses exits 4.
 */
public final class PipecatOAuthClient {
    /** Lifetime assumed when the token endpoint sends no {@code expires_in} (docs/behaviour.md#login step 8). */
    public static final long DEFAULT_EXPIRES_IN = 86400;
    /**
     * Lifetime assumed when {@code expires_in} is there but unusable (not a number, not positive, or
     * beyond {@link #MAX_EXPIRES_IN}): short, so that a token of unknown lifetime is refreshed soon
     * rather than trusted for a day or forever.
     */
    public static final long SHORT_LIVED_EXPIRES_IN = 300;
    /** The longest {@code expires_in} believed: one year. */
    public static final long MAX_EXPIRES_IN = 365L * 24 * 3600;
    /** Path of the auth configuration below the API host. */
    public static final String AUTH_CONFIG_PATH = "/auth/config";
    /** Path of the discovery document below the issuer. */
    public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

    private final HttpTransport transport;
    private final String apiHost;

    /**
     * @param transport the context's transport
     * @param apiHost   the API base URL without a trailing slash
     */
    public PipecatOAuthClient(HttpTransport transport, String apiHost) {
        this.transport = transport;
        this.apiHost = apiHost;
    }

    /** Step 1: {@code GET {api}/auth/config}. */
    public AuthConfig fetchAuthConfig() {
        URI uri = URI.create(UrlPolicy.parse(apiHost, "the API host (PIPECAT_API_HOST)") + AUTH_CONFIG_PATH);
        ApiResponse response = send(ApiRequest.get(uri), "the API server");
        if (response.status() != 200) {
            throw CliException.error(
                    "Failed to fetch auth configuration (" + response.status() + "). Is the API server reachable?");
        }
        JsonNode json = response.json();
        String issuer = requiredText(json, "issuer", "auth configuration");
        String clientId = requiredText(json, "client_id", "auth configuration");
        String scopes = json.path("scopes").isTextual() ? json.get("scopes").asText() : "";
        return new AuthConfig(issuer, clientId, scopes);
    }

    /** Step 2: fetches {@code {issuer}/.well-known/openid-configuration} and checks it. */
    public OidcEndpoints discover(AuthConfig config) {
        String issuer = config.issuer();
        URI issuerUri;
        try {
            issuerUri = URI.create(issuer);
        } catch (IllegalArgumentException e) {
            throw CliException.error("The auth configuration names an invalid issuer URL: " + UrlPolicy.safe(issuer));
        }
        if (!UrlPolicy.isAllowed(issuerUri)) {
            throw CliException.error("The OAuth issuer " + UrlPolicy.safe(issuerUri)
                    + " is not https:// (http:// is allowed only for 127.0.0.1, ::1 and localhost).");
        }
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        URI discoveryUri = URI.create(base + DISCOVERY_PATH);
        ApiResponse response = send(ApiRequest.get(discoveryUri), "the OAuth issuer");
        if (response.status() != 200) {
            throw CliException.error("Failed to fetch the OpenID configuration of the issuer (" + response.status()
                    + ") from " + UrlPolicy.safe(discoveryUri) + ".");
        }
        JsonNode json = response.json();
        String announced = json.path("issuer").isTextual() ? json.get("issuer").asText() : "";
        if (!announced.equals(issuer)) {
            throw CliException.error("OpenID configuration issuer mismatch: expected " + UrlPolicy.safe(issuer)
                    + " but the document says "
                    + (announced.isEmpty() ? "nothing" : cut(UrlPolicy.safe(announced), 200)) + ".");
        }
        URI authorization = endpoint(json, "authorization_endpoint");
        URI token = endpoint(json, "token_endpoint");
        requireListed(
                json,
                "code_challenge_methods_supported",
                "S256",
                "The OAuth issuer does not support PKCE with S256 (code_challenge_methods_supported).");
        requireListed(
                json,
                "response_types_supported",
                "code",
                "The OAuth issuer does not support the authorization code flow (response_types_supported).");
        return new OidcEndpoints(issuer, authorization, token);
    }

    /**
     * Step 5: the authorization URL, parameters in the order of the spec: {@code response_type},
     * {@code client_id}, {@code redirect_uri}, {@code scope}, {@code code_challenge},
     * {@code code_challenge_method}, {@code state}.
     */
    public static URI authorizationUrl(
            OidcEndpoints endpoints, AuthConfig config, String redirectUri, PkceParameters pkce) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", config.clientId());
        parameters.put("redirect_uri", redirectUri);
        parameters.put("scope", config.scopes());
        parameters.put("code_challenge", pkce.challenge());
        parameters.put("code_challenge_method", "S256");
        parameters.put("state", pkce.state());
        String endpoint = endpoints.authorizationEndpoint().toString();
        return URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + ApiRequest.formEncode(parameters));
    }

    /** Step 8: exchanges an authorization code for tokens. */
    public TokenResponse exchangeCode(
            OidcEndpoints endpoints, AuthConfig config, String code, String redirectUri, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("client_id", config.clientId());
        form.put("code_verifier", verifier);
        return tokenRequest(endpoints, form, code, verifier);
    }

    /** The refresh grant of docs/behaviour.md#refresh. */
    public TokenResponse refresh(OidcEndpoints endpoints, AuthConfig config, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", config.clientId());
        return tokenRequest(endpoints, form, refreshToken);
    }

    private TokenResponse tokenRequest(OidcEndpoints endpoints, Map<String, String> form, String... secrets) {
        ApiResponse response = send(ApiRequest.postForm(endpoints.tokenEndpoint(), form), "the token endpoint");
        if (response.status() != 200) {
            throw CliException.notAuthenticated("Authentication failed: the token endpoint answered "
                    + response.status() + describeOAuthError(response, secrets) + ".");
        }
        JsonNode json = response.json();
        if (!json.path("access_token").isTextual()
                || json.get("access_token").asText().isBlank()) {
            throw CliException.notAuthenticated("Authentication failed: the token endpoint sent no access_token.");
        }
        String accessToken = json.get("access_token").asText();
        Optional<String> refresh = json.path("refresh_token").isTextual()
                        && !json.get("refresh_token").asText().isEmpty()
                ? Optional.of(json.get("refresh_token").asText())
                : Optional.empty();
        requireBearer(json.get("token_type"), secretsAnd(secrets, accessToken, refresh.orElse(null)));
        return new TokenResponse(accessToken, refresh, expiresIn(json.get("expires_in")));
    }

    /**
     * The CLI sends tokens only as {@code Authorization: Bearer}, so a token of another type (say a
     * proof-of-possession one) would be sent wrongly. OAuth servers must send {@code token_type}, but
     * the Pipecat Cloud contract does not list it: absent (or null) is accepted as Bearer; present
     * and not {@code Bearer} in any case is refused.
     */
    private static void requireBearer(JsonNode tokenType, String[] secrets) {
        if (tokenType == null || tokenType.isNull()) {
            return;
        }
        if (!tokenType.isTextual() || !tokenType.asText().trim().equalsIgnoreCase("bearer")) {
            String shown = tokenType.isTextual()
                    ? "\"" + cut(oneLine(Redaction.scrub(tokenType.asText(), secrets)), 40) + "\""
                    : tokenType.getNodeType().toString().toLowerCase(Locale.ROOT);
            throw CliException.notAuthenticated("Authentication failed: the token endpoint issued a token of type "
                    + shown + "; only Bearer tokens are supported.");
        }
    }

    /**
     * @return the lifetime to store: {@link #DEFAULT_EXPIRES_IN} when absent, the value (rounded up)
     *     when it is a number, or a string of digits, in (0, {@link #MAX_EXPIRES_IN}], else
     *     {@link #SHORT_LIVED_EXPIRES_IN}: a value that cannot be believed never makes a token live long
     */
    private static long expiresIn(JsonNode value) {
        if (value == null || value.isNull()) {
            return DEFAULT_EXPIRES_IN;
        }
        double seconds;
        if (value.isNumber()) {
            seconds = value.asDouble();
        } else if (value.isTextual() && value.asText().trim().matches("[0-9]{1,12}")) {
            seconds = Double.parseDouble(value.asText().trim());
        } else {
            return SHORT_LIVED_EXPIRES_IN;
        }
        if (!Double.isFinite(seconds) || seconds <= 0 || seconds > MAX_EXPIRES_IN) {
            return SHORT_LIVED_EXPIRES_IN;
        }
        return (long) Math.ceil(seconds);
    }

    private static String[] secretsAnd(String[] secrets, String... more) {
        String[] all = Arrays.copyOf(secrets, secrets.length + more.length);
        System.arraycopy(more, 0, all, secrets.length, more.length);
        return all;
    }

    /** @return {@code " (error: description)"} from an OAuth error body, or "" */
    private static String describeOAuthError(ApiResponse response, String... secrets) {
        try {
            JsonNode json = ApiResponse.jsonMapper().readTree(response.body());
            if (json == null || !json.path("error").isTextual()) {
                return "";
            }
            String text = json.get("error").asText();
            if (json.path("error_description").isTextual()) {
                text += ": " + json.get("error_description").asText();
            }
            // Redact first: cutting first could leave all but the tail of a secret for scrub to miss.
            return " (" + oneLine(Redaction.scrub(text, secrets)) + ")";
        } catch (IOException | RuntimeException notJson) {
            return "";
        }
    }

    private ApiResponse send(ApiRequest request, String what) {
        try {
            return transport.send(request);
        } catch (ResponseLimitException e) {
            throw CliException.error(e.describe(Character.toUpperCase(what.charAt(0)) + what.substring(1)), e);
        } catch (IOException e) {
            throw CliException.error(
                    "Could not reach " + what + " at " + UrlPolicy.safe(request.uri()) + " ("
                            + e.getClass().getSimpleName() + ").",
                    e);
        }
    }

    private static URI endpoint(JsonNode json, String field) {
        if (!json.path(field).isTextual()) {
            throw CliException.error("The OpenID configuration of the issuer has no " + field + ".");
        }
        URI uri;
        try {
            uri = URI.create(json.get(field).asText());
        } catch (IllegalArgumentException e) {
            throw CliException.error("The OpenID configuration's " + field + " is not a valid URL.");
        }
        if (!UrlPolicy.isAllowed(uri)) {
            throw CliException.error("The OpenID configuration's " + field + " (" + UrlPolicy.safe(uri)
                    + ") is not https:// (http:// is allowed only for 127.0.0.1, ::1 and localhost).");
        }
        return uri;
    }

    private static void requireListed(JsonNode json, String field, String value, String message) {
        JsonNode list = json.get(field);
        if (list == null || list.isNull()) {
            return;
        }
        if (list.isArray()) {
            for (JsonNode item : list) {
                if (value.equals(item.asText())) {
                    return;
                }
            }
        }
        throw CliException.error(message);
    }

    private static String requiredText(JsonNode json, String field, String what) {
        if (!json.path(field).isTextual() || json.get(field).asText().isBlank()) {
            throw CliException.error("The " + what + " has no " + field + ".");
        }
        return json.get(field).asText();
    }

    /** Whitespace runs to one space, cut to 200 characters: only ever on text already scrubbed of secrets. */
    private static String oneLine(String text) {
        return cut(text.replaceAll("\\s+", " ").trim(), 200);
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "…" : text;
    }
}
