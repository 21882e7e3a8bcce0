package io.pipecat.cli.auth.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Where callbacks arrive, from the loopback listener or pasted on stdin, and the one place that
 * decides which of them settles the login. Anyone on this machine (or any web page, through the
 * user's browser) can send a request to the listener, so a callback counts only when it carries
 * this login's exact {@code state}, which only the authorization server and this process know.
 * Everything else is refused and the wait goes on: a forged callback can neither complete the
 * login with an attacker's code nor abort the user's real one.
 *
 * <p>Settling takes two steps so the browser gets its page before the flow closes the listener:
 * {@link #offer} judges and, for a winner, reserves the result; {@link #settle} then hands it to
 * the flow. Thread-safe: the listener's connection threads and the paste reader call it at once.
 */
final class CallbackGate {
    /** What became of one callback. */
    enum Verdict {
        /** This login's state with a code: reserved, {@link #settle} completes the login. */
        CODE,
        /** This login's state with an {@code error}: reserved, {@link #settle} fails the login. */
        ERROR,
        /** No state: refused, the wait goes on. */
        MISSING_STATE,
        /** Another state: refused, the wait goes on. */
        WRONG_STATE,
        /** This login's state but neither a code nor an error: refused, the wait goes on. */
        EMPTY,
        /** A callback already settled this login. */
        LATE;

        boolean settles() {
            return this == CODE || this == ERROR;
        }
    }

    /**
     * Warnings about refused listener callbacks stop after this many (the count goes on and the
     * timeout message reports it), so a flood of forged requests cannot flood the terminal.
     */
    static final int MAX_WARNINGS = 5;

    private final byte[] expectedState;
    private final Consumer<String> warnings;
    private final CompletableFuture<CallbackResult> settled = new CompletableFuture<>();
    private CallbackResult reserved;
    private int refused;
    private int warned;

    /**
     * @param expectedState the {@code state} sent in the authorization URL
     * @param warnings      receives one line per refused callback (for stderr)
     */
    CallbackGate(String expectedState, Consumer<String> warnings) {
        this.expectedState = expectedState.getBytes(StandardCharsets.UTF_8);
        this.warnings = Objects.requireNonNull(warnings);
    }

    /** Judges a request that reached the loopback listener's callback path. */
    Verdict offerFromListener(CallbackResult callback) {
        Verdict verdict = offer(callback);
        switch (verdict) {
            case MISSING_STATE -> warnUpToLimit("Ignored a login callback without a state (possible CSRF attempt).");
            case WRONG_STATE -> warnUpToLimit("Ignored a login callback with a wrong state (possible CSRF attempt).");
            case EMPTY -> warnUpToLimit("Ignored a login callback with neither a code nor an error.");
            default -> {}
        }
        return verdict;
    }

    /**
     * Judges an address the user pasted. It must carry this login's state like any callback: an
     * address from another login (or one someone asked the user to paste) is refused.
     */
    Verdict offerPasted(CallbackResult callback) {
        Verdict verdict = offer(callback);
        if (verdict == Verdict.MISSING_STATE || verdict == Verdict.WRONG_STATE) {
            warnings.accept("Ignored the pasted address: its state does not belong to this login. Paste the address "
                    + "the browser opened for this login ended on, or just its code.");
        }
        return verdict;
    }

    /**
     * A bare code the user typed is taken as it is: there is no state to compare, and the user
     * chose to type it (the token exchange still needs this login's PKCE verifier).
     */
    Verdict offerTypedCode(String code) {
        synchronized (this) {
            if (reserved != null) {
                return Verdict.LATE;
            }
            reserved = new CallbackResult(Optional.of(code), Optional.empty(), Optional.empty(), Optional.empty());
            return Verdict.CODE;
        }
    }

    private synchronized Verdict offer(CallbackResult callback) {
        Verdict verdict = judge(callback);
        if (verdict == Verdict.MISSING_STATE || verdict == Verdict.WRONG_STATE) {
            refused++;
        } else if (verdict.settles()) {
            reserved = callback;
        }
        return verdict;
    }

    private Verdict judge(CallbackResult callback) {
        if (callback.state().isEmpty()) {
            return Verdict.MISSING_STATE;
        }
        // Constant time: how long the comparison takes says nothing about how much of a guess is right.
        if (!MessageDigest.isEqual(expectedState, callback.state().get().getBytes(StandardCharsets.UTF_8))) {
            return Verdict.WRONG_STATE;
        }
        if (reserved != null) {
            return Verdict.LATE;
        }
        if (callback.error().isPresent()) {
            return Verdict.ERROR;
        }
        return callback.code().isPresent() ? Verdict.CODE : Verdict.EMPTY;
    }

    private void warnUpToLimit(String line) {
        boolean show;
        synchronized (this) {
            show = warned < MAX_WARNINGS;
            warned++;
        }
        if (show) {
            warnings.accept(line);
        }
    }

    /** Hands the reserved callback, if any, to {@link #settled()}; harmless to call again. */
    void settle() {
        CallbackResult result;
        synchronized (this) {
            result = reserved;
        }
        if (result != null) {
            settled.complete(result);
        }
    }

    /** @return completed with the one callback that settles this login */
    CompletableFuture<CallbackResult> settled() {
        return settled;
    }

    /** @return whether a callback has been reserved (the paste reader then stops reading) */
    synchronized boolean isDecided() {
        return reserved != null;
    }

    /** @return how many callbacks were refused for a missing or wrong state */
    synchronized int refused() {
        return refused;
    }
}
