package io.pipecat.cli.http;

import io.pipecat.cli.errors.CliException;
import java.net.URI;
import java.util.Locale;

/**
 * The URL rule of spec §3: {@code https://} everywhere, except that loopback hosts
 * ({@code 127.0.0.1}, {@code ::1}, {@code localhost}) may use {@code http://} so tests and a local
 * sandbox can run.
 */
public final class UrlPolicy {
    private UrlPolicy() {
    }

    /** @return whether {@code host} is one of the loopback names the spec allows plain http for */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("127.0.0.1") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || h.equals("localhost");
    }

    /** @return whether the URL is https, or http to a loopback host */
    public static boolean isAllowed(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return uri.getHost() != null
                && (scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost())));
    }

    /**
     * @param uri  the URL to check
     * @param what what the URL is for, e.g. {@code "the API host"}
     * @return {@code uri}
     * @throws CliException exit 1 naming the URL and the rule when it is not allowed
     */
    public static URI require(URI uri, String what) {
        if (!isAllowed(uri)) {
            throw CliException.error("Refusing to use " + safe(uri) + " for " + what
                    + ": https:// is required (http:// only for 127.0.0.1, ::1 and localhost).");
        }
        return uri;
    }

    /**
     * Parses a base URL from a setting, checking it.
     *
     * @throws CliException exit 1 when it is not a valid, allowed URL
     */
    public static URI parse(String url, String what) {
        try {
            return require(URI.create(url), what);
        } catch (IllegalArgumentException e) {
            throw CliException.error("Invalid URL for " + what + ": " + url);
        }
    }

    /** @return scheme, authority and path only: never the query (it may hold a code or state) */
    public static String safe(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
