package io.pipecat.cli.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * A fake Pipecat Cloud: the REST API and the OAuth/OIDC issuer in one local HTTP server on 127.0.0.1.
 *
 * <pre>{@code
 * try (FakePipecatCloud fake = FakePipecatCloud.start()) {
 *     fake.organizations(Organization.of("acme", "Acme Inc.")).acceptPat("pcc_pat_abc", "acme");
 *     // point the CLI at fake.baseUrl() ...
 *     fake.assertNoUnexpectedRequests();
 * }
 * }</pre>
 *
 * Endpoints: {@code GET /auth/config}, {@code GET {issuerPath}/.well-known/openid-configuration},
 * {@code GET {issuerPath}/.well-known/jwks.json}, {@code GET /oauth/authorize}, {@code POST /oauth/token},
 * {@code POST /auth/logout}, {@code GET /v1/organizations}, {@code GET /v1/users},
 * {@code GET /v1/organizations/{org}/daily}, {@code GET /v1/organizations/{org}/apiKeys} (keys set with
 * {@link #apiKeys(String, ApiKey...)}); a test adds more with {@link #route(String, String, RouteHandler)}.
 * All configuration methods are thread-safe and may be called while the server runs.
 */
public final class FakePipecatCloud implements AutoCloseable {
    public static final String CLI_USER_AGENT_PREFIX = "PipecatCloudCLI/";
    public static final String DEFAULT_CLIENT_ID = "client_pcc_cli_fake";
    public static final String DEFAULT_SCOPES = "openid profile email offline_access";
    public static final String DEFAULT_ISSUER_PATH = "/oauth-issuer";
    public static final String AUTHORIZE_PATH = "/oauth/authorize";
    public static final String TOKEN_PATH = "/oauth/token";
    public static final String AUTH_CONFIG_PATH = "/auth/config";
    public static final String LOGOUT_PATH = "/auth/logout";
    public static final long DEFAULT_EXPIRES_IN = 86400;
    public static final int DEMO_PORT = 8765;
    public static final String DEMO_PAT = "pcc_pat_demo";

    /** What {@code GET /oauth/authorize} does with a valid request. */
    public enum AuthorizeBehaviour {
        /** Redirect with {@code code} and the request's {@code state}. */
        APPROVE,
        /** Redirect with {@code error=access_denied&error_description=...&state=...}. */
        DENY,
        /** Redirect with a valid {@code code} but a different {@code state}. */
        WRONG_STATE
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern REDIRECT_URI = Pattern.compile("http://127\\.0\\.0\\.1:(\\d{1,5})/oauth_callback");
    private static final Pattern DAILY = Pattern.compile("/v1/organizations/([^/]+)/daily");
    private static final Pattern API_KEYS = Pattern.compile("/v1/organizations/([^/]+)/apiKeys");

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final Object lock = new Object();
    private final AtomicLong sequence = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);

    // ---- configuration (guarded by lock) ----
    private String clientId = DEFAULT_CLIENT_ID;
    private String scopes = DEFAULT_SCOPES;
    private String issuerPath = DEFAULT_ISSUER_PATH;
    private boolean requireCliUserAgent = true;
    private final LinkedHashMap<String, Organization> orgs = new LinkedHashMap<>();
    private String userId = "user_123";
    private List<String> emails = List.of("dev@example.com");
    private final Map<String, Set<String>> pats = new HashMap<>(); // null value = all orgs
    private long expiresIn = DEFAULT_EXPIRES_IN;
    private boolean omitRefreshToken;
    private boolean omitExpiresIn;
    private boolean newRefreshTokenOnRefresh = true;
    private final LinkedHashMap<String, JsonNode> discoveryOverrides = new LinkedHashMap<>(); // null = remove
    private final LinkedHashMap<String, JsonNode> authConfigOverrides = new LinkedHashMap<>();
    private AuthorizeBehaviour authorizeBehaviour = AuthorizeBehaviour.APPROVE;
    private String denyDescription = "The user denied the request";
    private final Map<String, List<ActiveFault>> faults = new HashMap<>();
    private final Map<String, List<ApiKey>> apiKeys = new HashMap<>(); // by org; none = empty list

    // ---- state (guarded by lock) ----
    private final Map<String, PendingCode> codes = new HashMap<>();
    private final Map<String, AccessState> accessTokens = new HashMap<>();
    private final Map<String, RefreshState> refreshTokens = new HashMap<>();
    private final List<Tokens> issued = new ArrayList<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private volatile Consumer<RecordedRequest> listener;
    private final CustomRoutes customRoutes = new CustomRoutes();

    private static final class ActiveFault {
        final Fault fault;
        int remaining; // -1 = always

        ActiveFault(Fault f) {
            this.fault = f;
            this.remaining = f.times();
        }
    }

    private record PendingCode(String clientId, String redirectUri, String challenge, String scope) {}

    private static final class AccessState {
        Instant expiresAt;
        boolean revoked;
        final String refreshToken;

        AccessState(Instant expiresAt, String refreshToken) {
            this.expiresAt = expiresAt;
            this.refreshToken = refreshToken;
        }
    }

    private static final class RefreshState {
        RefreshTokenStatus status = RefreshTokenStatus.ACTIVE;
    }

    private final Set<String> usedCodes = new HashSet<>();

    static {
        // Without TCP_NODELAY the JDK server writes headers and body as two segments and the second
        // waits for the client's delayed ACK: ~40 ms per response, which no real API (behind a CDN)
        // adds. The property is read once, when the server's configuration class initialises, so it
        // is set as soon as the fake is loaded (FakeCloudTcpNoDelayTest checks the live sockets).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private FakePipecatCloud(int port, SSLContext tls) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        if (tls == null) {
            server = HttpServer.create(address, 50);
        } else {
            HttpsServer https = HttpsServer.create(address, 50);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-pipecat-cloud");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        baseUrl = (tls == null ? "http" : "https") + "://127.0.0.1:"
                + server.getAddress().getPort();
        orgs.put("acme", new Organization("acme", "Acme Inc.", "daily_key_acme"));
        orgs.put("beta", new Organization("beta", "Beta Labs", "daily_key_beta"));
        server.start();
    }

    /** Starts on 127.0.0.1 on an ephemeral port, with orgs acme ("Acme Inc.") and beta ("Beta Labs"). */
    public static FakePipecatCloud start() {
        return start(0);
    }

    /** Starts on 127.0.0.1:{@code port} (0 = ephemeral). */
    public static FakePipecatCloud start(int port) {
        try {
            return new FakePipecatCloud(port, null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot start fake Pipecat Cloud on port " + port, e);
        }
    }

    /**
     * Starts serving https on 127.0.0.1, ephemeral port, with a certificate for 127.0.0.1 and
     * localhost signed by this JVM's {@link TestCertificateAuthority}: a client trusts it only with a
     * trust store that holds that CA ({@link #writeTrustStore}). {@link #baseUrl()} is then
     * {@code https://127.0.0.1:PORT}; everything else is as with {@link #start()}.
     */
    public static FakePipecatCloud startHttps() {
        return startHttps(0);
    }

    /** {@link #startHttps()} on 127.0.0.1:{@code port} (0 = ephemeral). */
    public static FakePipecatCloud startHttps(int port) {
        try {
            return new FakePipecatCloud(port, TestCertificateAuthority.shared().serverContext());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot start fake Pipecat Cloud on port " + port, e);
        }
    }

    /**
     * Writes a trust store (JKS) with the certificates of the system trust store the CLI uses by
     * default ({@link TestCertificateAuthority#systemTrustStore()}) and the test CA of
     * {@link #startHttps()}, for {@code PIPECAT_TRUST_STORE} or {@code -Djavax.net.ssl.trustStore}.
     *
     * @return {@code file}
     */
    public static Path writeTrustStore(Path file) {
        return TestCertificateAuthority.shared().writeTrustStore(file, TestCertificateAuthority.systemTrustStore());
    }

    /** Starts with the demo account used by {@link #main}: user dev@example.com, orgs acme + beta, PAT pcc_pat_demo. */
    public static FakePipecatCloud startDemo(int port) {
        return startDemo(start(port));
    }

    private static FakePipecatCloud startDemo(FakePipecatCloud f) {
        f.user("user_123", "dev@example.com")
                .organizations(
                        new Organization("acme", "Acme Inc.", "demo_daily_key_acme"),
                        new Organization("beta", "Beta Labs", "demo_daily_key_beta"))
                .acceptPatAllOrgs(DEMO_PAT)
                .apiKeys(
                        "acme",
                        ApiKey.of("pk_demo_acme_default", "Default key"),
                        ApiKey.of("pk_demo_acme_ci", "CI").createdAt("2026-02-01T09:30:00.000Z"));
        return f;
    }

    /** Stops the server (immediately; in-flight delayed requests are abandoned). */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        stopped.countDown();
    }

    // ------------------------------------------------------------------ addresses

    /** {@code http://127.0.0.1:PORT}, no trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The issuer the fake really serves: {@code baseUrl() + issuerPath} (default {@code /oauth-issuer}). */
    public String issuer() {
        synchronized (lock) {
            return baseUrl + issuerPath;
        }
    }

    public String clientId() {
        synchronized (lock) {
            return clientId;
        }
    }

    public String authorizationEndpoint() {
        return baseUrl + AUTHORIZE_PATH;
    }

    public String tokenEndpoint() {
        return baseUrl + TOKEN_PATH;
    }

    public String discoveryPath() {
        synchronized (lock) {
            return issuerPath + "/.well-known/openid-configuration";
        }
    }

    // ------------------------------------------------------------------ configuration

    public FakePipecatCloud clientId(String id) {
        synchronized (lock) {
            clientId = Objects.requireNonNull(id);
        }
        return this;
    }

    /** The {@code scopes} value of /auth/config. */
    public FakePipecatCloud scopes(String s) {
        synchronized (lock) {
            scopes = Objects.requireNonNull(s);
        }
        return this;
    }

    /** Where the issuer lives on this server, e.g. {@code "/oauth-issuer"}, {@code "/tenants/x"} or {@code ""} (root). */
    public FakePipecatCloud issuerPath(String path) {
        if (!path.isEmpty() && (!path.startsWith("/") || path.endsWith("/"))) {
            throw new IllegalArgumentException("issuer path must be empty or start (and not end) with '/': " + path);
        }
        synchronized (lock) {
            issuerPath = path;
        }
        return this;
    }

    /** Whether API/OAuth requests need a {@code PipecatCloudCLI/} User-Agent (default true; never for /oauth/authorize). */
    public FakePipecatCloud requireCliUserAgent(boolean require) {
        synchronized (lock) {
            requireCliUserAgent = require;
        }
        return this;
    }

    /** Replaces the organization list (may be empty). */
    public FakePipecatCloud organizations(Organization... list) {
        synchronized (lock) {
            orgs.clear();
            for (Organization o : list) {
                orgs.put(o.name(), o);
            }
        }
        return this;
    }

    /** Adds (or replaces) one organization with daily key {@code daily_key_<name>}. */
    public FakePipecatCloud addOrganization(String name, String verboseName) {
        return addOrganization(Organization.of(name, verboseName));
    }

    public FakePipecatCloud addOrganization(Organization o) {
        synchronized (lock) {
            orgs.put(o.name(), o);
        }
        return this;
    }

    /** Sets the daily API key of an existing organization. */
    public FakePipecatCloud dailyKey(String org, String key) {
        synchronized (lock) {
            Organization o = orgs.get(org);
            if (o == null) {
                throw new IllegalArgumentException("unknown org " + org);
            }
            orgs.put(org, new Organization(o.name(), o.verboseName(), key));
        }
        return this;
    }

    /**
     * Replaces the public API keys {@code GET /v1/organizations/{org}/apiKeys} lists for {@code org}
     * (an organization without keys set lists none). The organization must be known to the fake.
     */
    public FakePipecatCloud apiKeys(String org, ApiKey... keys) {
        synchronized (lock) {
            if (!orgs.containsKey(org)) {
                throw new IllegalArgumentException("unknown org " + org);
            }
            apiKeys.put(org, List.of(keys));
        }
        return this;
    }

    /** Removes all organizations (GET /v1/organizations then returns an empty list). */
    public FakePipecatCloud noOrganizations() {
        return organizations();
    }

    /** The configured organizations. */
    public List<Organization> configuredOrganizations() {
        synchronized (lock) {
            return List.copyOf(orgs.values());
        }
    }

    /** The user returned by GET /v1/users. */
    public FakePipecatCloud user(String id, String... emailAddresses) {
        synchronized (lock) {
            userId = id;
            emails = List.of(emailAddresses);
        }
        return this;
    }

    /** Accepts {@code pat} as a Bearer token; it sees only {@code visibleOrgs} (none if empty). */
    public FakePipecatCloud acceptPat(String pat, String... visibleOrgs) {
        synchronized (lock) {
            pats.put(pat, new LinkedHashSet<>(Arrays.asList(visibleOrgs)));
        }
        return this;
    }

    /** Accepts {@code pat} as a Bearer token; it sees every organization. */
    public FakePipecatCloud acceptPatAllOrgs(String pat) {
        synchronized (lock) {
            pats.put(pat, null);
        }
        return this;
    }

    public FakePipecatCloud revokePat(String pat) {
        synchronized (lock) {
            pats.remove(pat);
        }
        return this;
    }

    /** expires_in (and real lifetime) of access tokens issued by /oauth/token. Default 86400. */
    public FakePipecatCloud accessTokenTtl(Duration ttl) {
        synchronized (lock) {
            expiresIn = ttl.getSeconds();
        }
        return this;
    }

    /** Omit refresh_token from authorization_code grant responses (no refresh token is issued). */
    public FakePipecatCloud omitRefreshToken(boolean omit) {
        synchronized (lock) {
            omitRefreshToken = omit;
        }
        return this;
    }

    /** Omit expires_in from token responses (the token still expires after the configured TTL). */
    public FakePipecatCloud omitExpiresIn(boolean omit) {
        synchronized (lock) {
            omitExpiresIn = omit;
        }
        return this;
    }

    /**
     * Whether a refresh_token grant returns a new refresh token (rotation, default true). If false the response has
     * no refresh_token and the old refresh token stays valid.
     */
    public FakePipecatCloud newRefreshTokenOnRefresh(boolean rotate) {
        synchronized (lock) {
            newRefreshTokenOnRefresh = rotate;
        }
        return this;
    }

    /**
     * Overrides a field of the discovery document; value is any Jackson-serializable value (String, List, ...);
     * {@code null} sends JSON null (use {@link #discoveryRemove} to drop the field).
     */
    public FakePipecatCloud discoveryOverride(String field, Object value) {
        synchronized (lock) {
            discoveryOverrides.put(field, toNode(value));
        }
        return this;
    }

    private static JsonNode toNode(Object value) {
        return value == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : JSON.valueToTree(value);
    }

    /** Removes a field from the discovery document. */
    public FakePipecatCloud discoveryRemove(String field) {
        synchronized (lock) {
            discoveryOverrides.put(field, null);
        }
        return this;
    }

    /** Overrides a field of /auth/config (issuer, client_id, scopes, or any extra field). */
    public FakePipecatCloud authConfigOverride(String field, Object value) {
        synchronized (lock) {
            authConfigOverrides.put(field, toNode(value));
        }
        return this;
    }

    public FakePipecatCloud authConfigRemove(String field) {
        synchronized (lock) {
            authConfigOverrides.put(field, null);
        }
        return this;
    }

    public FakePipecatCloud clearOverrides() {
        synchronized (lock) {
            discoveryOverrides.clear();
            authConfigOverrides.clear();
        }
        return this;
    }

    public FakePipecatCloud authorizeBehaviour(AuthorizeBehaviour b) {
        synchronized (lock) {
            authorizeBehaviour = Objects.requireNonNull(b);
        }
        return this;
    }

    public FakePipecatCloud authorizeApprove() {
        return authorizeBehaviour(AuthorizeBehaviour.APPROVE);
    }

    /** Authorize redirects with error=access_denied and this error_description. */
    public FakePipecatCloud authorizeDeny(String errorDescription) {
        synchronized (lock) {
            denyDescription = errorDescription;
        }
        return authorizeBehaviour(AuthorizeBehaviour.DENY);
    }

    public FakePipecatCloud authorizeWithWrongState() {
        return authorizeBehaviour(AuthorizeBehaviour.WRONG_STATE);
    }

    /** Adds a fault for requests to exactly {@code path} (no query). Several faults on a path apply in order. */
    public FakePipecatCloud fault(String path, Fault fault) {
        synchronized (lock) {
            faults.computeIfAbsent(path, p -> new ArrayList<>()).add(new ActiveFault(fault));
        }
        return this;
    }

    public FakePipecatCloud clearFaults() {
        synchronized (lock) {
            faults.clear();
        }
        return this;
    }

    /**
     * Adds an endpoint that needs a valid bearer token, e.g.
     * {@code fake.route("GET", "/v1/organizations/{org}/agents", r -> RouteResponse.json(200, "{\"agents\":[]}"))}.
     * See {@link Route} for the checks a request passes first.
     */
    public FakePipecatCloud route(String method, String pathTemplate, RouteHandler handler) {
        return route(Route.of(method, pathTemplate, handler));
    }

    /**
     * Adds an endpoint. Custom routes are matched before the built-in ones, in the order added, so
     * a test can also replace a built-in answer; their requests are recorded like all others, and
     * a request no route matches still counts as {@linkplain #unexpectedRequests() unexpected}.
     */
    public FakePipecatCloud route(Route route) {
        customRoutes.add(route);
        return this;
    }

    /** Removes every custom route. */
    public FakePipecatCloud clearRoutes() {
        customRoutes.clear();
        return this;
    }

    /** Called after each response (or dropped connection); used by {@link #main} to log. */
    public FakePipecatCloud onRequest(Consumer<RecordedRequest> l) {
        listener = l;
        return this;
    }

    // ------------------------------------------------------------------ tokens

    /** Issues an access + refresh token pair directly (as if a login had happened). */
    public Tokens issueTokens(long expiresInSeconds) {
        synchronized (lock) {
            return issueLocked(expiresInSeconds, true, null, "direct");
        }
    }

    public Tokens issueTokens() {
        synchronized (lock) {
            return issueTokens(expiresIn);
        }
    }

    /** All tokens issued so far (directly or over HTTP), oldest first. */
    public List<Tokens> issuedTokens() {
        synchronized (lock) {
            return List.copyOf(issued);
        }
    }

    /** Expires every access token issued so far (refresh tokens stay valid). */
    public FakePipecatCloud expireAccessTokens() {
        synchronized (lock) {
            Instant past = Instant.now().minusSeconds(1);
            accessTokens.values().forEach(a -> a.expiresAt = past);
        }
        return this;
    }

    public FakePipecatCloud expireAccessToken(String accessToken) {
        synchronized (lock) {
            AccessState a = accessTokens.get(accessToken);
            if (a != null) {
                a.expiresAt = Instant.now().minusSeconds(1);
            }
        }
        return this;
    }

    public FakePipecatCloud revokeAccessToken(String accessToken) {
        synchronized (lock) {
            AccessState a = accessTokens.get(accessToken);
            if (a != null) {
                a.revoked = true;
            }
        }
        return this;
    }

    /** Issued, not expired, not revoked. */
    public boolean isAccessTokenValid(String accessToken) {
        synchronized (lock) {
            AccessState a = accessTokens.get(accessToken);
            return a != null && !a.revoked && Instant.now().isBefore(a.expiresAt);
        }
    }

    public RefreshTokenStatus refreshTokenStatus(String refreshToken) {
        synchronized (lock) {
            RefreshState r = refreshTokens.get(refreshToken);
            return r == null ? RefreshTokenStatus.UNKNOWN : r.status;
        }
    }

    public boolean isRefreshTokenValid(String refreshToken) {
        return refreshTokenStatus(refreshToken) == RefreshTokenStatus.ACTIVE;
    }

    public boolean isRefreshTokenRevoked(String refreshToken) {
        return refreshTokenStatus(refreshToken) == RefreshTokenStatus.REVOKED;
    }

    /** Revokes a refresh token and the access tokens issued with it (like a server-side logout). */
    public FakePipecatCloud revokeRefreshToken(String refreshToken) {
        synchronized (lock) {
            revokeLocked(refreshToken);
        }
        return this;
    }

    private void revokeLocked(String rt) {
        RefreshState r = refreshTokens.get(rt);
        if (r != null) {
            r.status = RefreshTokenStatus.REVOKED;
        }
        accessTokens.values().stream().filter(a -> rt.equals(a.refreshToken)).forEach(a -> a.revoked = true);
    }

    private Tokens issueLocked(long ttl, boolean withRefresh, String reuseRefresh, String grant) {
        String at = "at_" + random();
        String rt = withRefresh ? "rt_" + random() : null;
        if (rt != null) {
            refreshTokens.put(rt, new RefreshState());
        }
        String link = rt != null ? rt : reuseRefresh;
        accessTokens.put(at, new AccessState(Instant.now().plusSeconds(ttl), link));
        Tokens t = new Tokens(at, rt, ttl, grant);
        issued.add(t);
        return t;
    }

    private static String random() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    // ------------------------------------------------------------------ recording

    /** Every request received, in arrival order. */
    public List<RecordedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /** Requests to exactly {@code path}. */
    public List<RecordedRequest> requests(String path) {
        return requests(r -> r.path().equals(path));
    }

    public List<RecordedRequest> requests(Predicate<RecordedRequest> filter) {
        synchronized (lock) {
            return requests.stream().filter(filter).toList();
        }
    }

    /** Requests answered 404/405 because no endpoint matched. */
    public List<RecordedRequest> unexpectedRequests() {
        return requests(RecordedRequest::unexpected);
    }

    /** Requests answered 403 because of a non-CLI User-Agent. */
    public List<RecordedRequest> userAgentRejectedRequests() {
        return requests(RecordedRequest::userAgentRejected);
    }

    public FakePipecatCloud clearRequests() {
        synchronized (lock) {
            requests.clear();
        }
        return this;
    }

    /** Throws {@link AssertionError} listing every unexpected request. */
    public void assertNoUnexpectedRequests() {
        List<RecordedRequest> u = unexpectedRequests();
        if (!u.isEmpty()) {
            throw new AssertionError("fake Pipecat Cloud received " + u.size() + " unexpected request(s):\n  "
                    + u.stream().map(RecordedRequest::toString).collect(Collectors.joining("\n  ")));
        }
    }

    /** Waits until a completed request to {@code path} has been recorded; returns the latest one. */
    public RecordedRequest awaitRequest(String path, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<RecordedRequest> rs = requests(r -> r.path().equals(path) && r.status() != 0);
            if (!rs.isEmpty()) {
                return rs.get(rs.size() - 1);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no request to " + path + " within " + timeout + "; got:\n  "
                        + requests().stream().map(RecordedRequest::toString).collect(Collectors.joining("\n  ")));
            }
            Thread.sleep(20);
        }
    }

    // ------------------------------------------------------------------ HTTP handling

    private static final class Reply {
        final int status;
        final String contentType;
        final String body;
        final Map<String, String> headers = new LinkedHashMap<>();
        String note = "";

        Reply(int status, String contentType, String body) {
            this.status = status;
            this.contentType = contentType;
            this.body = body;
        }

        Reply note(String n) {
            this.note = n;
            return this;
        }
    }

    private static Reply json(int status, Object body) {
        try {
            return new Reply(status, "application/json", JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Reply oauthError(String error, String description) {
        ObjectNode n = JSON.createObjectNode().put("error", error).put("error_description", description);
        return json(400, n).note(error + ": " + description);
    }

    private static Reply html(int status, String text) {
        return new Reply(
                        status,
                        "text/html; charset=utf-8",
                        "<!doctype html><html><body><h1>" + status + "</h1><p>" + escape(text) + "</p></body></html>")
                .note(text);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private void handle(HttpExchange ex) throws IOException {
        RecordedRequest rec = null;
        try {
            byte[] bodyBytes = ex.getRequestBody().readAllBytes();
            rec = new RecordedRequest(
                    sequence.incrementAndGet(),
                    ex.getRequestMethod(),
                    ex.getRequestURI().getRawPath(),
                    ex.getRequestURI().getRawQuery(),
                    ex.getRequestHeaders(),
                    new String(bodyBytes, StandardCharsets.UTF_8));
            synchronized (lock) {
                requests.add(rec);
            }
            Fault fault = takeFault(rec.path());
            if (fault != null) {
                rec.fault(fault);
                switch (fault.kind()) {
                    case DROP_CONNECTION -> {
                        // No sendResponseHeaders: HttpExchange.close() then closes the TCP connection outright.
                        rec.complete(-1, "connection dropped (injected)");
                        ex.close();
                        return;
                    }
                    case STATUS, MALFORMED_BODY -> {
                        send(
                                ex,
                                rec,
                                new Reply(fault.status(), fault.contentType(), fault.body()).note("injected fault"));
                        return;
                    }
                    case DELAY -> Thread.sleep(fault.delay().toMillis());
                }
            }
            send(ex, rec, route(rec));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.close();
        } catch (RuntimeException | IOException e) {
            if (rec != null && rec.status() == 0) {
                try {
                    send(ex, rec, html(500, "fake internal error: " + e));
                } catch (IOException | RuntimeException ignored) {
                    ex.close();
                }
            } else {
                ex.close();
            }
        } finally {
            Consumer<RecordedRequest> l = listener;
            if (l != null && rec != null) {
                try {
                    l.accept(rec);
                } catch (RuntimeException ignored) {
                    // a logging problem must not break the fake
                }
            }
        }
    }

    private Fault takeFault(String path) {
        synchronized (lock) {
            List<ActiveFault> fs = faults.get(path);
            if (fs == null) {
                return null;
            }
            for (ActiveFault af : fs) {
                if (af.remaining == Fault.ALWAYS) {
                    return af.fault;
                }
                if (af.remaining > 0) {
                    af.remaining--;
                    return af.fault;
                }
            }
            return null;
        }
    }

    private void send(HttpExchange ex, RecordedRequest rec, Reply r) throws IOException {
        byte[] b = r.body == null ? new byte[0] : r.body.getBytes(StandardCharsets.UTF_8);
        if (r.contentType != null) {
            ex.getResponseHeaders().set("Content-Type", r.contentType);
        }
        r.headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        rec.complete(r.status, r.note);
        ex.sendResponseHeaders(r.status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
        ex.close();
    }

    private Reply route(RecordedRequest rec) {
        String path = rec.path();
        String method = rec.method();
        String ip;
        synchronized (lock) {
            ip = issuerPath;
        }
        Optional<CustomRoutes.Match> custom = customRoutes.find(method, path);
        if (custom.isPresent()) {
            return customRoute(rec, custom.get());
        }
        String expectedMethod;
        java.util.function.Function<RecordedRequest, Reply> h;
        Matcher daily = DAILY.matcher(path);
        Matcher keys = API_KEYS.matcher(path);
        if (path.equals(AUTH_CONFIG_PATH)) {
            expectedMethod = "GET";
            h = this::authConfig;
        } else if (path.equals(ip + "/.well-known/openid-configuration")) {
            expectedMethod = "GET";
            h = this::discovery;
        } else if (path.equals(ip + "/.well-known/jwks.json")) {
            expectedMethod = "GET";
            h = r -> json(200, JSON.createObjectNode().set("keys", JSON.createArrayNode()));
        } else if (path.equals(AUTHORIZE_PATH)) {
            expectedMethod = "GET";
            h = this::authorize;
        } else if (path.equals(TOKEN_PATH)) {
            expectedMethod = "POST";
            h = this::token;
        } else if (path.equals(LOGOUT_PATH)) {
            expectedMethod = "POST";
            h = this::logout;
        } else if (path.equals("/v1/organizations")) {
            expectedMethod = "GET";
            h = this::listOrganizations;
        } else if (path.equals("/v1/users")) {
            expectedMethod = "GET";
            h = this::users;
        } else if (daily.matches()) {
            expectedMethod = "GET";
            String org = URLDecoder.decode(daily.group(1), StandardCharsets.UTF_8);
            h = r -> daily(r, org);
        } else if (keys.matches()) {
            expectedMethod = "GET";
            String org = URLDecoder.decode(keys.group(1), StandardCharsets.UTF_8);
            h = r -> apiKeys(r, org);
        } else {
            rec.markUnexpected();
            List<String> customMethods = customRoutes.methodsFor(path);
            if (!customMethods.isEmpty()) {
                return methodNotAllowed(method, String.join(", ", customMethods));
            }
            return json(404, JSON.createObjectNode().put("error", "Not Found")).note("unexpected: no such endpoint");
        }
        if (!method.equals(expectedMethod)) {
            rec.markUnexpected();
            return methodNotAllowed(method, expectedMethod);
        }
        if (!path.equals(AUTHORIZE_PATH) && !cliUserAgent(rec)) {
            return userAgentRejected(rec);
        }
        return h.apply(rec);
    }

    private static Reply methodNotAllowed(String method, String allowed) {
        Reply r = json(405, JSON.createObjectNode().put("error", "Method Not Allowed"))
                .note("unexpected: " + method + " instead of " + allowed);
        r.headers.put("Allow", allowed);
        return r;
    }

    private static Reply userAgentRejected(RecordedRequest rec) {
        rec.markUserAgentRejected();
        // looks like a CDN block page, deliberately not JSON
        return new Reply(
                        403,
                        "text/html; charset=utf-8",
                        "<!DOCTYPE html><html><head><title>Access denied</title></head><body>"
                                + "<h1>Error 1010</h1><p>Access denied: the owner of this website has banned your "
                                + "access based on your browser's signature.</p></body></html>")
                .note("User-Agent rejected: " + rec.userAgent());
    }

    /** A custom route: the CLI's User-Agent and (unless anonymous) a valid bearer first, like the built-in API. */
    private Reply customRoute(RecordedRequest rec, CustomRoutes.Match match) {
        if (!cliUserAgent(rec)) {
            return userAgentRejected(rec);
        }
        List<Organization> visible = authorizedOrgs(rec);
        if (visible == null && match.route().authenticated()) {
            return unauthorized(rec);
        }
        RouteResponse response = match.route()
                .handler()
                .handle(new RouteRequest(rec, match.pathParams(), visible == null ? List.of() : visible));
        Reply reply =
                new Reply(response.status(), response.contentType(), response.body()).note("route " + match.route());
        reply.headers.putAll(response.headers());
        return reply;
    }

    private boolean cliUserAgent(RecordedRequest rec) {
        synchronized (lock) {
            if (!requireCliUserAgent) {
                return true;
            }
        }
        String ua = rec.userAgent();
        return ua != null && ua.startsWith(CLI_USER_AGENT_PREFIX);
    }

    private Reply authConfig(RecordedRequest rec) {
        synchronized (lock) {
            ObjectNode n = JSON.createObjectNode();
            n.put("issuer", baseUrl + issuerPath);
            n.put("client_id", clientId);
            n.put("scopes", scopes);
            applyOverrides(n, authConfigOverrides);
            return json(200, n);
        }
    }

    private Reply discovery(RecordedRequest rec) {
        synchronized (lock) {
            String iss = baseUrl + issuerPath;
            ObjectNode n = JSON.createObjectNode();
            n.put("issuer", iss);
            n.put("authorization_endpoint", baseUrl + AUTHORIZE_PATH);
            n.put("token_endpoint", baseUrl + TOKEN_PATH);
            n.put("jwks_uri", iss + "/.well-known/jwks.json");
            n.set("code_challenge_methods_supported", JSON.valueToTree(List.of("S256")));
            n.set("response_types_supported", JSON.valueToTree(List.of("code")));
            n.set("grant_types_supported", JSON.valueToTree(List.of("authorization_code", "refresh_token")));
            n.set("scopes_supported", JSON.valueToTree(List.of("openid", "profile", "email", "offline_access")));
            n.set("token_endpoint_auth_methods_supported", JSON.valueToTree(List.of("none")));
            n.set("subject_types_supported", JSON.valueToTree(List.of("public")));
            n.set("id_token_signing_alg_values_supported", JSON.valueToTree(List.of("RS256")));
            applyOverrides(n, discoveryOverrides);
            return json(200, n);
        }
    }

    private static void applyOverrides(ObjectNode n, Map<String, JsonNode> overrides) {
        overrides.forEach((k, v) -> {
            if (v == null) {
                n.remove(k);
            } else {
                n.set(k, v);
            }
        });
    }

    private Reply authorize(RecordedRequest rec) {
        List<Param> ps = rec.queryParams();
        Set<String> seen = new HashSet<>();
        for (Param p : ps) {
            if (!seen.add(p.name())) {
                return html(400, "invalid_request: duplicate parameter " + p.name());
            }
        }
        String responseType = rec.queryParam("response_type").orElse(null);
        String cid = rec.queryParam("client_id").orElse(null);
        String redirectUri = rec.queryParam("redirect_uri").orElse(null);
        String scope = rec.queryParam("scope").orElse("");
        String challenge = rec.queryParam("code_challenge").orElse(null);
        String method = rec.queryParam("code_challenge_method").orElse(null);
        String state = rec.queryParam("state").orElse(null);
        synchronized (lock) {
            if (!"code".equals(responseType)) {
                return html(400, "unsupported_response_type: response_type must be 'code', got " + responseType);
            }
            if (!clientId.equals(cid)) {
                return html(400, "invalid_client: unknown client_id " + cid);
            }
            Matcher m = redirectUri == null ? null : REDIRECT_URI.matcher(redirectUri);
            if (m == null || !m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 65535) {
                return html(
                        400,
                        "invalid_request: redirect_uri must be http://127.0.0.1:<port>/oauth_callback, got "
                                + redirectUri);
            }
            if (challenge == null) {
                return html(400, "invalid_request: code_challenge missing");
            }
            if (!Pkce.isValidS256Challenge(challenge)) {
                return html(400, "invalid_request: code_challenge must be 43 base64url chars, got '" + challenge + "'");
            }
            if (!"S256".equals(method)) {
                return html(400, "invalid_request: code_challenge_method must be S256, got " + method);
            }
            if (state == null || state.isEmpty()) {
                return html(400, "invalid_request: state missing");
            }
            Reply r;
            if (authorizeBehaviour == AuthorizeBehaviour.DENY) {
                r = redirect(
                                redirectUri,
                                "error",
                                "access_denied",
                                "error_description",
                                denyDescription,
                                "state",
                                state)
                        .note("denied (configured)");
            } else {
                String code = "code_" + random();
                codes.put(code, new PendingCode(cid, redirectUri, challenge, scope));
                if (authorizeBehaviour == AuthorizeBehaviour.WRONG_STATE) {
                    r = redirect(redirectUri, "code", code, "state", "wrong_" + random())
                            .note("approved with wrong state (configured)");
                } else {
                    r = redirect(redirectUri, "code", code, "state", state).note("approved");
                }
            }
            return r;
        }
    }

    private static Reply redirect(String uri, String... kv) {
        StringBuilder sb = new StringBuilder(uri).append('?');
        for (int i = 0; i < kv.length; i += 2) {
            if (i > 0) {
                sb.append('&');
            }
            sb.append(enc(kv[i])).append('=').append(enc(kv[i + 1]));
        }
        Reply r = new Reply(302, null, "");
        r.headers.put("Location", sb.toString());
        return r;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Reply token(RecordedRequest rec) {
        String ct = rec.header("Content-Type").orElse("");
        if (!ct.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            return oauthError("invalid_request", "Content-Type must be application/x-www-form-urlencoded, got " + ct);
        }
        Map<String, String> form = new HashMap<>();
        for (Param p : rec.formParams()) {
            if (form.put(p.name(), p.value()) != null) {
                return oauthError("invalid_request", "duplicate parameter " + p.name());
            }
        }
        String grant = form.get("grant_type");
        if ("authorization_code".equals(grant)) {
            return authorizationCodeGrant(form);
        }
        if ("refresh_token".equals(grant)) {
            return refreshGrant(form);
        }
        return oauthError(grant == null ? "invalid_request" : "unsupported_grant_type", "grant_type " + grant);
    }

    private Reply authorizationCodeGrant(Map<String, String> form) {
        for (String k : List.of("code", "redirect_uri", "client_id", "code_verifier")) {
            if (form.get(k) == null || form.get(k).isEmpty()) {
                return oauthError("invalid_request", k + " missing");
            }
        }
        synchronized (lock) {
            String code = form.get("code");
            if (usedCodes.contains(code)) {
                return oauthError("invalid_grant", "authorization code already used");
            }
            PendingCode pc = codes.remove(code);
            if (pc == null) {
                return oauthError("invalid_grant", "unknown authorization code");
            }
            usedCodes.add(code); // one-time: any redemption attempt consumes it
            if (!pc.redirectUri().equals(form.get("redirect_uri"))) {
                return oauthError(
                        "invalid_grant",
                        "redirect_uri " + form.get("redirect_uri") + " does not match the authorize request's "
                                + pc.redirectUri());
            }
            if (!pc.clientId().equals(form.get("client_id"))) {
                return oauthError("invalid_grant", "client_id does not match the authorize request's");
            }
            String verifier = form.get("code_verifier");
            if (!Pkce.isValidVerifier(verifier)) {
                return oauthError("invalid_grant", "code_verifier must be 43-128 chars of [A-Za-z0-9-._~]");
            }
            if (!Pkce.challengeS256(verifier).equals(pc.challenge())) {
                return oauthError("invalid_grant", "PKCE verification failed: S256(code_verifier) != code_challenge");
            }
            Tokens t = issueLocked(expiresIn, !omitRefreshToken, null, "authorization_code");
            return tokenResponse(t).note("issued " + abbreviate(t.accessToken()));
        }
    }

    private Reply refreshGrant(Map<String, String> form) {
        for (String k : List.of("refresh_token", "client_id")) {
            if (form.get(k) == null || form.get(k).isEmpty()) {
                return oauthError("invalid_request", k + " missing");
            }
        }
        synchronized (lock) {
            if (!clientId.equals(form.get("client_id"))) {
                return oauthError("invalid_grant", "client_id does not match");
            }
            String rt = form.get("refresh_token");
            RefreshState r = refreshTokens.get(rt);
            if (r == null) {
                return oauthError("invalid_grant", "unknown refresh token");
            }
            if (r.status != RefreshTokenStatus.ACTIVE) {
                return oauthError(
                        "invalid_grant", "refresh token " + r.status.name().toLowerCase());
            }
            Tokens t;
            if (newRefreshTokenOnRefresh) {
                r.status = RefreshTokenStatus.ROTATED;
                t = issueLocked(expiresIn, true, null, "refresh_token");
            } else {
                t = issueLocked(expiresIn, false, rt, "refresh_token");
            }
            return tokenResponse(t).note("refreshed " + abbreviate(t.accessToken()));
        }
    }

    private Reply tokenResponse(Tokens t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("access_token", t.accessToken());
        if (t.refreshToken() != null) {
            n.put("refresh_token", t.refreshToken());
        }
        if (!omitExpiresIn) {
            n.put("expires_in", t.expiresIn());
        }
        n.put("token_type", "Bearer");
        Reply r = json(200, n);
        r.headers.put("Cache-Control", "no-store");
        return r;
    }

    private static String abbreviate(String token) {
        return token.length() <= 10 ? token : token.substring(0, 10) + "…";
    }

    /** Orgs visible to the bearer, or null if not authenticated. */
    private List<Organization> authorizedOrgs(RecordedRequest rec) {
        String bearer = rec.bearerToken();
        if (bearer == null) {
            return null;
        }
        synchronized (lock) {
            if (pats.containsKey(bearer)) {
                Set<String> visible = pats.get(bearer);
                return orgs.values().stream()
                        .filter(o -> visible == null || visible.contains(o.name()))
                        .toList();
            }
            AccessState a = accessTokens.get(bearer);
            if (a == null || a.revoked || !Instant.now().isBefore(a.expiresAt)) {
                return null;
            }
            return List.copyOf(orgs.values());
        }
    }

    private static Reply unauthorized(RecordedRequest rec) {
        String bearer = rec.bearerToken();
        Reply r = json(401, JSON.createObjectNode().put("error", "Unauthorized"))
                .note(bearer == null ? "no bearer token" : "bearer not accepted: " + abbreviate(bearer));
        r.headers.put("WWW-Authenticate", "Bearer");
        return r;
    }

    private Reply listOrganizations(RecordedRequest rec) {
        List<Organization> visible = authorizedOrgs(rec);
        if (visible == null) {
            return unauthorized(rec);
        }
        ArrayNode arr = JSON.createArrayNode();
        for (Organization o : visible) {
            arr.addObject().put("name", o.name()).put("verboseName", o.verboseName());
        }
        ObjectNode n = JSON.createObjectNode();
        n.set("organizations", arr);
        return json(200, n);
    }

    private Reply users(RecordedRequest rec) {
        if (authorizedOrgs(rec) == null) {
            return unauthorized(rec);
        }
        synchronized (lock) {
            ObjectNode n = JSON.createObjectNode();
            ObjectNode u = n.putObject("user");
            u.put("userId", userId);
            ArrayNode es = u.putArray("emails");
            emails.forEach(e -> es.addObject().put("emailAddress", e));
            return json(200, n);
        }
    }

    private Reply daily(RecordedRequest rec, String org) {
        List<Organization> visible = authorizedOrgs(rec);
        if (visible == null) {
            return unauthorized(rec);
        }
        Organization o;
        synchronized (lock) {
            o = orgs.get(org);
        }
        if (o == null) {
            return json(404, JSON.createObjectNode().put("error", "Organization not found"))
                    .note("unknown org " + org);
        }
        if (visible.stream().noneMatch(v -> v.name().equals(org))) {
            return json(403, JSON.createObjectNode().put("error", "Forbidden")).note("org " + org + " not visible");
        }
        return json(200, JSON.createObjectNode().put("apiKey", o.dailyApiKey()));
    }

    private Reply apiKeys(RecordedRequest rec, String org) {
        List<Organization> visible = authorizedOrgs(rec);
        if (visible == null) {
            return unauthorized(rec);
        }
        List<ApiKey> keys;
        synchronized (lock) {
            if (!orgs.containsKey(org)) {
                return json(404, JSON.createObjectNode().put("error", "Organization not found"))
                        .note("unknown org " + org);
            }
            keys = apiKeys.getOrDefault(org, List.of());
        }
        if (visible.stream().noneMatch(v -> v.name().equals(org))) {
            return json(403, JSON.createObjectNode().put("error", "Forbidden")).note("org " + org + " not visible");
        }
        ObjectNode n = JSON.createObjectNode();
        ArrayNode list = n.putArray("public");
        for (ApiKey k : keys) {
            ObjectNode item = list.addObject();
            item.put("key", k.key());
            item.putObject("metadata").put("name", k.name());
            item.put("createdAt", k.createdAt());
            item.put("revoked", k.revoked());
        }
        return json(200, n);
    }

    private Reply logout(RecordedRequest rec) {
        if (authorizedOrgs(rec) == null) {
            return unauthorized(rec);
        }
        JsonNode body;
        try {
            body = JSON.readTree(rec.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject() || !body.path("refresh_token").isTextual()) {
            return json(
                            400,
                            JSON.createObjectNode()
                                    .put("error", "invalid_request")
                                    .put("error_description", "JSON body with refresh_token required"))
                    .note("bad logout body");
        }
        String rt = body.get("refresh_token").asText();
        synchronized (lock) {
            RefreshState r = refreshTokens.get(rt);
            if (r == null || r.status != RefreshTokenStatus.ACTIVE) {
                return json(
                                400,
                                JSON.createObjectNode()
                                        .put("error", "invalid_request")
                                        .put(
                                                "error_description",
                                                r == null
                                                        ? "unknown refresh token"
                                                        : "refresh token "
                                                                + r.status
                                                                        .name()
                                                                        .toLowerCase()))
                        .note("logout with "
                                + (r == null ? "unknown" : r.status.name().toLowerCase()) + " refresh token");
            }
            revokeLocked(rt);
        }
        return json(200, JSON.createObjectNode()).note("revoked " + abbreviate(rt));
    }

    // ------------------------------------------------------------------ command line

    /**
     * Runs a demo fake until killed: {@code --port N} (default 8765), {@code --any-user-agent},
     * {@code --client-id ID}, and where its one line per request goes: stderr by default,
     * {@code --log FILE} (appended) or {@code --quiet} (nowhere), so that a fake started in the
     * background of a shell does not write over the user's prompt.
     */
    public static void main(String[] args) throws InterruptedException, IOException {
        int port = DEMO_PORT;
        boolean anyUa = false;
        String cid = null;
        java.nio.file.Path logFile = null;
        boolean quiet = false;
        boolean https = false;
        Path trustStore = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--any-user-agent" -> anyUa = true;
                case "--client-id" -> cid = value(args, ++i, "--client-id");
                case "--log" -> logFile = java.nio.file.Path.of(value(args, ++i, "--log"));
                case "--quiet", "-q" -> quiet = true;
                case "--https" -> https = true;
                case "--trust-store" -> trustStore = Path.of(value(args, ++i, "--trust-store"));
                case "-h", "--help" -> {
                    System.out.println("usage: FakePipecatCloud [--port N (default 8765)] [--any-user-agent]"
                            + " [--client-id ID] [--log FILE | --quiet]"
                            + " [--https [--trust-store FILE (written: the system CAs + the test CA)]]");
                    return;
                }
                default -> {
                    System.err.println("unknown argument: " + args[i]);
                    System.exit(2);
                }
            }
        }
        FakePipecatCloud fake = https ? startDemo(startHttps(port)) : startDemo(port);
        if (trustStore != null) {
            writeTrustStore(trustStore);
        }
        if (anyUa) {
            fake.requireCliUserAgent(false);
        }
        if (cid != null) {
            fake.clientId(cid);
        }
        String logged;
        if (quiet) {
            logged = "Requests are not logged (--quiet).";
        } else {
            PrintStream log = logFile == null
                    ? System.err
                    : new PrintStream(
                            java.nio.file.Files.newOutputStream(
                                    logFile,
                                    java.nio.file.StandardOpenOption.CREATE,
                                    java.nio.file.StandardOpenOption.APPEND),
                            true,
                            StandardCharsets.UTF_8);
            fake.onRequest(r -> log.println("[fake-pcc] " + LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + r));
            logged = logFile == null
                    ? "Requests are logged to stderr (--log FILE or --quiet to move or mute them)."
                    : "Requests are logged to " + logFile.toAbsolutePath() + ".";
        }
        Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
        System.out.print(fake.usage());
        System.out.println(logged);
        System.out.println(
                "Stop it with Ctrl+C, or: kill " + ProcessHandle.current().pid());
        System.out.flush();
        fake.stopped.await();
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            System.err.println(flag + " needs a value");
            System.exit(2);
        }
        return args[index];
    }

    private static String absolutePaths(String pathList) {
        return Arrays.stream(pathList.split(java.io.File.pathSeparator))
                .filter(p -> !p.isEmpty())
                .map(p -> new java.io.File(p).getAbsolutePath())
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    /** The text {@link #main} prints. */
    String usage() {
        String mp = System.getProperty("jdk.module.path");
        String browser = mp != null && !mp.isEmpty()
                ? "java -p " + absolutePaths(mp) + " -m io.pipecat.cli.testkit/" + FakeBrowser.class.getName()
                : "java -cp " + absolutePaths(System.getProperty("java.class.path", "")) + " "
                        + FakeBrowser.class.getName();
        StringBuilder sb = new StringBuilder();
        sb.append("Fake Pipecat Cloud listening on ").append(baseUrl).append('\n');
        sb.append("  issuer:     ").append(issuer()).append('\n');
        sb.append("  client_id:  ").append(clientId()).append('\n');
        sb.append("  user:       user_123 / dev@example.com\n");
        sb.append("  orgs:       ")
                .append(configuredOrganizations().stream()
                        .map(o -> o.name() + " (\"" + o.verboseName() + "\", daily key " + o.dailyApiKey() + ")")
                        .collect(Collectors.joining(", ")))
                .append('\n');
        sb.append("  PAT:        ").append(DEMO_PAT).append(" (all orgs)\n");
        sb.append("  login:      /oauth/authorize auto-approves\n\n");
        sb.append("Use it:\n");
        sb.append("  export PIPECAT_API_HOST=").append(baseUrl).append('\n');
        if (baseUrl.startsWith("https:")) {
            sb.append("  export PIPECAT_TRUST_STORE=FILE   # the trust store --trust-store FILE wrote\n");
        }
        sb.append("  export BROWSER='").append(browser).append("'   # optional: headless login\n");
        sb.append("  curl -A PipecatCloudCLI/dev -H 'Authorization: Bearer ")
                .append(DEMO_PAT)
                .append("' ")
                .append(baseUrl)
                .append("/v1/organizations\n");
        return sb.toString();
    }
}
