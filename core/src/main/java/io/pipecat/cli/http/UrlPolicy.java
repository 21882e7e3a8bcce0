package io.pipecat.cli.http;

import io.pipecat.cli.errors.CliException;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The URL rule of the CLI: {@code https://} everywhere, except that loopback hosts
 * ({@code 127.0.0.1}, {@code ::1}, {@code localhost}) may use {@code http://} so tests and a local
 * sandbox can run. Also how URLs are shown in messages: never with user-info
 * ({@code user:password@}) or a query.
 */
public final class UrlPolicy {
    /** {@code //user:password@} in a URL that {@link URI} could not parse. */
    private static final Pattern USER_INFO = Pattern.compile("//[^/?#@]*@");

    private UrlPolicy() {}

    /** @return whether {@code host} is one of the loopback names allowed plain http */
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
     * @throws CliException exit 2 when it is not a URL with a host and a port in 1–65535, or holds
     *     a user name or password (never sent, and never to be echoed); exit 1 when it is not
     *     allowed (see {@link #require})
     */
    public static URI parse(String url, String what) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("Invalid URL for " + what + ": " + safe(url));
        }
        if (uri.getRawUserInfo() != null
                || (uri.getHost() == null
                        && uri.getRawAuthority() != null
                        && uri.getRawAuthority().contains("@"))) {
            throw CliException.usage(
                    "Invalid URL for " + what + ": " + safe(uri) + " must not contain a user name or password.");
        }
        if (uri.getScheme() != null && uri.getRawAuthority() != null) {
            if (uri.getHost() == null) {
                // java.net.URI keeps an authority it cannot read as host[:port] (say, port 99999999999) as is.
                throw CliException.usage("Invalid URL for " + what + ": " + safe(uri) + " has no valid host[:port].");
            }
            if (uri.getPort() == 0 || uri.getPort() > 65535) {
                throw CliException.usage(
                        "Invalid URL for " + what + ": port " + uri.getPort() + " is out of range (1-65535).");
            }
        }
        return require(uri, what);
    }

    /**
     * @return scheme, host, port and path only: never user-info (it may hold a password) nor the
     *     query (it may hold a code or state)
     */
    public static String safe(URI uri) {
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            return textual(uri.toString());
        }
        return origin(uri) + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** @return scheme, host and port, e.g. {@code https://api.example.com:8443}: never user-info */
    public static String origin(URI uri) {
        String authority;
        if (uri.getHost() != null) {
            authority = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        } else {
            String raw = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
            authority = raw.substring(raw.lastIndexOf('@') + 1);
        }
        return uri.getScheme() + "://" + authority;
    }

    /**
     * @param url a URL as text, parseable or not
     * @return {@link #safe(URI)} when it parses, else the text with any {@code user:password@} removed
     *     and the query and fragment cut off
     */
    public static String safe(String url) {
        try {
            return safe(URI.create(url));
        } catch (IllegalArgumentException notAUri) {
            return textual(url);
        }
    }

    private static String textual(String url) {
        String text = USER_INFO.matcher(url).replaceAll("//");
        int cut = indexOfAny(text, '?', '#');
        return cut < 0 ? text : text.substring(0, cut);
    }

    private static int indexOfAny(String text, char a, char b) {
        int i = text.indexOf(a);
        int j = text.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
