package io.pipecat.cli.auth.login;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Headless mode (ours): reads stdin on a daemon thread and accepts the full redirected URL (or
 * just its {@code code}) pasted by a user whose browser runs on another machine. The first
 * usable line completes the future; end of input leaves it alone (the callback may still come).
 */
final class PastedRedirectReader {
    private static final Pattern BARE_CODE = Pattern.compile("[A-Za-z0-9._~+/=-]{4,}");

    private PastedRedirectReader() {
    }

    /** Starts the reader; it completes {@code target} at most once. */
    static void start(InputStream in, CompletableFuture<CallbackResult> target) {
        Thread reader = new Thread(() -> read(in, target), "oauth-paste-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private static void read(InputStream in, CompletableFuture<CallbackResult> target) {
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while (!target.isDone() && (line = lines.readLine()) != null) {
                Optional<CallbackResult> parsed = parse(line.trim());
                if (parsed.isPresent()) {
                    target.complete(parsed.get());
                    return;
                }
            }
        } catch (IOException ignored) {
            // stdin closed or unreadable: the browser callback may still arrive
        }
    }

    /** @return the result for a pasted URL with a query, or a bare code; empty for anything else */
    static Optional<CallbackResult> parse(String line) {
        if (line.isEmpty()) {
            return Optional.empty();
        }
        if (line.startsWith("http://") || line.startsWith("https://")) {
            try {
                CallbackResult result = QueryParameters.toResult(URI.create(line).getRawQuery());
                return result.code().isPresent() || result.error().isPresent() ? Optional.of(result) : Optional.empty();
            } catch (IllegalArgumentException notAUrl) {
                return Optional.empty();
            }
        }
        if (line.startsWith("?") || line.contains("code=")) {
            CallbackResult result = QueryParameters.toResult(line.startsWith("?") ? line.substring(1) : line);
            return result.code().isPresent() || result.error().isPresent() ? Optional.of(result) : Optional.empty();
        }
        return BARE_CODE.matcher(line).matches()
                ? Optional.of(new CallbackResult(Optional.of(line), Optional.empty(), Optional.empty(), Optional.empty()))
                : Optional.empty();
    }
}
