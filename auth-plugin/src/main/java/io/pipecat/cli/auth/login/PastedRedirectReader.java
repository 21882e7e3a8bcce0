package io.pipecat.cli.auth.login;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Headless mode, and a login that could not open a browser (ours): reads stdin on a daemon thread
 * and accepts the full redirected URL (or just its {@code code}) pasted by a user whose browser runs
 * on another machine. A pasted address goes through the {@link CallbackGate} like any callback, so
 * it must carry this login's state; a bare code is taken as typed. The first line that settles the
 * login ends the reading; end of input leaves the gate alone (the callback may still come).
 */
final class PastedRedirectReader {
    private static final Pattern BARE_CODE = Pattern.compile("[A-Za-z0-9._~+/=-]{4,}");

    /** Told about each line the user enters, so that the terminal's prompt line follows the input. */
    interface Listener {
        /** A line was entered (on a terminal, Enter moved the cursor to a new line); before it is judged. */
        void lineEntered();

        /** The line did not settle the login: the wait goes on. */
        void stillWaiting();
    }

    private PastedRedirectReader() {}

    /** Starts the reader; it offers each usable line to {@code gate} until the login is decided. */
    static void start(InputStream in, CallbackGate gate, Listener listener) {
        Thread reader = new Thread(() -> read(in, gate, listener), "oauth-paste-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private static void read(InputStream in, CallbackGate gate, Listener listener) {
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while (!gate.isDecided() && (line = lines.readLine()) != null) {
                listener.lineEntered();
                Optional<CallbackGate.Verdict> verdict = offer(line.trim(), gate);
                if (verdict.isPresent() && verdict.get().settles()) {
                    gate.settle();
                    return;
                }
                listener.stillWaiting();
            }
        } catch (IOException ignored) {
            // stdin closed or unreadable: the browser callback may still arrive
        }
    }

    /** @return the gate's verdict on a pasted address with a query, or on a bare code; empty for anything else */
    private static Optional<CallbackGate.Verdict> offer(String line, CallbackGate gate) {
        Optional<CallbackResult> address = parseAddress(line);
        if (address.isPresent()) {
            return Optional.of(gate.offerPasted(address.get()));
        }
        return BARE_CODE.matcher(line).matches() ? Optional.of(gate.offerTypedCode(line)) : Optional.empty();
    }

    /** @return the callback in a pasted URL or query that holds a code or an error */
    private static Optional<CallbackResult> parseAddress(String line) {
        String query;
        if (line.startsWith("http://") || line.startsWith("https://")) {
            try {
                query = URI.create(line).getRawQuery();
            } catch (IllegalArgumentException notAUrl) {
                return Optional.empty();
            }
        } else if (line.startsWith("?") || line.contains("code=")) {
            query = line.startsWith("?") ? line.substring(1) : line;
        } else {
            return Optional.empty();
        }
        CallbackResult result = QueryParameters.toResult(query);
        return result.code().isPresent() || result.error().isPresent() ? Optional.of(result) : Optional.empty();
    }
}
