package io.pipecat.cli.core.internal;

import io.pipecat.cli.context.Environment;
import io.pipecat.cli.http.UrlPolicy;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which proxy a request goes through, from {@code HTTPS_PROXY}/{@code HTTP_PROXY} and
 * {@code NO_PROXY} (upper or lower case, upper wins). {@code NO_PROXY} is a comma-separated list
 * of host names, domain suffixes ({@code .example.com} or {@code example.com} both match
 * sub-domains) or {@code *}. Loopback hosts never go through a proxy: a proxy cannot reach this
 * machine's loopback interface.
 */
public final class ProxyRules {
    private final Optional<URI> httpsProxy;
    private final Optional<URI> httpProxy;
    private final List<String> noProxy;

    public ProxyRules(Environment env) {
        this.httpsProxy = proxy(env, "HTTPS_PROXY");
        this.httpProxy = proxy(env, "HTTP_PROXY");
        this.noProxy = Arrays.stream(first(env, "NO_PROXY").orElse("").split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /**
     * @param scheme {@code http} or {@code https}
     * @param host   the target host
     * @return the proxy to use, or empty for a direct connection
     */
    public Optional<URI> proxyFor(String scheme, String host) {
        if (UrlPolicy.isLoopback(host) || bypassed(host.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return "https".equalsIgnoreCase(scheme) ? httpsProxy : httpProxy;
    }

    private boolean bypassed(String host) {
        for (String entry : noProxy) {
            if (entry.equals("*")) {
                return true;
            }
            String domain = entry.startsWith(".") ? entry.substring(1) : entry;
            int colon = domain.indexOf(':');
            if (colon > 0 && !domain.contains("]")) {
                domain = domain.substring(0, colon);
            }
            if (host.equals(domain) || host.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<URI> proxy(Environment env, String name) {
        return first(env, name)
                .map(value -> value.contains("://") ? value : "http://" + value)
                .map(value -> {
                    try {
                        URI uri = URI.create(value);
                        return uri.getHost() == null ? null : uri;
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                });
    }

    private static Optional<String> first(Environment env, String name) {
        Optional<String> upper = env.get(name);
        return upper.isPresent() ? upper : env.get(name.toLowerCase(Locale.ROOT));
    }
}
