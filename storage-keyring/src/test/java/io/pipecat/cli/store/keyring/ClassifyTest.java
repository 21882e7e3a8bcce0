package io.pipecat.cli.store.keyring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javakeyring.PasswordAccessException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Pure unit tests of the exception mapping (no D-Bus needed). */
class ClassifyTest {
    static final String SECRET = "tok_live_SuperSecret";

    @Test
    void notFoundMessagesAreRecognised() {
        assertTrue(BoundedKeyring.isNotFound(new PasswordAccessException("No stored credentials match s account: a")));
        assertTrue(BoundedKeyring.isNotFound(new PasswordAccessException("Password not Found")));
        assertTrue(BoundedKeyring.isNotFound(new PasswordAccessException("No password to delete. -25300")));
        assertFalse(BoundedKeyring.isNotFound(
                new PasswordAccessException("Too many stored credentials match s account: a")));
        assertFalse(BoundedKeyring.isNotFound(new PasswordAccessException("Failed to get credential. -25308")));
    }

    @Test
    void secretNeverAppearsInMessageOrCauseChain() {
        Exception lib = new PasswordAccessException(
                "could not store '" + SECRET + "'", new IllegalStateException("payload=" + SECRET + "\nsecond line"));
        KeyringUnavailableException e = BoundedKeyring.classify(lib, "set", SECRET);
        assertEquals(KeyringUnavailableException.Reason.BACKEND_ERROR, e.reason());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(
                e.getMessage()
                        .startsWith("OS keychain unavailable: backend error during set: "
                                + "com.github.javakeyring.PasswordAccessException: could not store '<redacted>'"),
                e.getMessage());
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(SECRET), trace.toString());
        assertTrue(trace.toString().contains("java.lang.IllegalStateException: payload=<redacted>"), trace.toString());
    }

    @Test
    void errorsBecomeKeyringUnavailable() {
        KeyringUnavailableException e = BoundedKeyring.classify(
                new NoClassDefFoundError("org/freedesktop/dbus/connections/impl/DBusConnection"), "open", null);
        assertEquals(KeyringUnavailableException.Reason.BACKEND_ERROR, e.reason());
        assertTrue(e.getMessage().contains("java.lang.NoClassDefFoundError: org/freedesktop/dbus"), e.getMessage());
        e = BoundedKeyring.classify(new UnsatisfiedLinkError("libfoo"), "get", null);
        assertTrue(e.getMessage().contains("UnsatisfiedLinkError"), e.getMessage());
    }

    @Test
    void npeFromInsideLibraryMeansLockedOrNotRunning() {
        NullPointerException npe = new NullPointerException("Cannot read field \"a\" because \"response\" is null");
        npe.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(
                    "com.github.javakeyring.internal.freedesktop.SimpleCollection",
                    "createItem",
                    "SimpleCollection.java",
                    314)
        });
        KeyringUnavailableException e = BoundedKeyring.classify(npe, "set", SECRET);
        assertEquals(KeyringUnavailableException.Reason.LOCKED_OR_NOT_RUNNING, e.reason());
        assertTrue(e.getMessage().contains("keyring locked or not running"), e.getMessage());
    }

    @Test
    void invalidTimeoutRejected() {
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> BoundedKeyring.open(Duration.ZERO));
    }
}
