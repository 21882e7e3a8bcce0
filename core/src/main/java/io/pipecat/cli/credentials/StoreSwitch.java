package io.pipecat.cli.credentials;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link CredentialBroker#moveTo(String)} did: the saved store choice is {@code to} from now
 * on (unless {@link Outcome#ALREADY}), and the stored login went as {@link #outcome()} says.
 *
 * @param from       the store that was chosen before (the saved choice, else the default)
 * @param to         the store chosen now
 * @param outcome    what happened to the stored login
 * @param loginInTarget whether {@code to} holds a login now (false for {@link Outcome#ALREADY}:
 *                   nothing was looked at)
 * @param leftBehind when the old store could not be read or cleaned: one line saying what is still
 *                   there and how to remove it by hand (e.g. a {@code secret-tool clear} command);
 *                   never a secret
 */
public record StoreSwitch(String from, String to, Outcome outcome, boolean loginInTarget, Optional<String> leftBehind) {

    /** What happened to the stored login. */
    public enum Outcome {
        /** {@code to} was already the chosen store: nothing changed. */
        ALREADY,
        /** The login was copied to {@code to} (and removed from {@code from}, unless {@link #leftBehind}). */
        MOVED,
        /** No login was stored in {@code from}: only the choice changed. */
        NOTHING_TO_MOVE,
        /**
         * {@code to} already held the login in force (it was in use through
         * {@code PIPECAT_CREDENTIAL_STORE}): it was kept, and the other copy removed.
         */
        KEPT_TARGET_LOGIN,
        /**
         * {@code from} could not be reached (e.g. a locked keychain), so its login could not be read
         * or moved: the choice changed anyway, and {@link #leftBehind} says what to remove by hand.
         */
        SOURCE_UNREACHABLE
    }

    public StoreSwitch {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(leftBehind, "leftBehind");
    }
}
