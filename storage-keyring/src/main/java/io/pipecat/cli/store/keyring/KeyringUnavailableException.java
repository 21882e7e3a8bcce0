package io.pipecat.cli.store.keyring;

/**
 * The OS keychain could not be used. Unchecked.
 *
 * <p>{@link #getMessage()} is one line naming the problem in user terms, starting with "The OS
 * keychain …", without the library's exception text and without the fix (the caller knows which way
 * out fits). It never contains a secret:
 * the library's original exception is not attached as the cause (its message could in theory echo
 * what was being stored); instead a {@link SanitizedCause} with the original class name, a scrubbed
 * message and the original stack trace is attached, for debugging.
 */
public final class KeyringUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the keychain was unavailable; lets callers pick a hint without parsing the message. */
    public enum Reason {
        /** No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS unset), so no Secret Service. */
        NO_DBUS_SESSION,
        /** No keychain backend for this platform / could not connect to it. */
        NO_BACKEND,
        /** D-Bus is there but no Secret Service runs on it. */
        NOT_RUNNING,
        /**
         * The Secret Service gave no usable answer: its collection is locked (and no unlock prompt
         * could be shown, or it was dismissed), or it has no default collection.
         */
        LOCKED,
        /** The call did not finish within the time limit (e.g. an unlock prompt nobody answers). */
        TIMED_OUT,
        /** Any other failure inside the keychain library. */
        BACKEND_ERROR,
        /** Used after {@link BoundedKeyring#close()}, or the waiting thread was interrupted. */
        CLOSED
    }

    private final Reason reason;

    KeyringUnavailableException(Reason reason, String message, Throwable sanitizedCause) {
        super(oneLine(message), sanitizedCause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    /**
     * Stand-in for the library's exception: same class name (in the message), scrubbed message,
     * same stack trace, chained the same way (each link scrubbed too).
     */
    static final class SanitizedCause extends Exception {
        private static final long serialVersionUID = 1L;

        SanitizedCause(String text, StackTraceElement[] trace, Throwable cause) {
            super(text, cause, false, true);
            setStackTrace(trace);
        }

        @Override
        public String toString() {
            return getMessage(); // already "<original class>: <scrubbed message>"
        }
    }
}
