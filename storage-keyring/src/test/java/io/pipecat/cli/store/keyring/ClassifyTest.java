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
        assertEquals("The OS keychain failed (set)", e.getMessage(), "no Java exception text in the message");
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(SECRET), trace.toString());
        assertTrue(trace.toString().contains("java.lang.IllegalStateException: payload=<redacted>"), trace.toString());
    }

    @Test
    void errorsBecomeKeyringUnavailableWithTheJavaTextOnlyInTheCause() {
        KeyringUnavailableException e = BoundedKeyring.classify(
                new NoClassDefFoundError("org/freedesktop/dbus/connections/impl/DBusConnection"), "open", null);
        assertEquals(KeyringUnavailableException.Reason.BACKEND_ERROR, e.reason());
        assertEquals("The OS keychain failed (open)", e.getMessage());
        assertTrue(
                e.getCause().getMessage().contains("java.lang.NoClassDefFoundError: org/freedesktop/dbus"),
                e.getCause().getMessage());
        e = BoundedKeyring.classify(new UnsatisfiedLinkError("libfoo"), "get", null);
        assertFalse(e.getMessage().contains("UnsatisfiedLinkError"), e.getMessage());
        assertTrue(
                e.getCause().getMessage().contains("UnsatisfiedLinkError"),
                e.getCause().getMessage());
    }

    @Test
    void npeFromInsideLibraryMeansLocked() {
        NullPointerException npe = new NullPointerException("Cannot read field \"a\" because \"response\" is null");
        npe.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(
                    "com.github.javakeyring.internal.freedesktop.SimpleCollection",
                    "createItem",
                    "SimpleCollection.java",
                    314)
        });
        KeyringUnavailableException e = BoundedKeyring.classify(npe, "set", SECRET);
        assertEquals(KeyringUnavailableException.Reason.LOCKED, e.reason());
        assertEquals("The OS keychain is locked (the Secret Service gave no answer to set)", e.getMessage());
    }

    /**
     * A locked collection's get: secret-service passes a null secret to the JDK, so the top frame
     * is {@code java.lang.String}; the library is the first caller below it.
     */
    @Test
    void npeThrownInTheJdkOnBehalfOfTheLibraryMeansLocked() {
        NullPointerException npe =
                new NullPointerException("Cannot read the array length because \"<parameter1>\" is null");
        npe.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("java.lang.String", "<init>", "String.java", 1410),
            new StackTraceElement("de.swiesend.secretservice.simple.SimpleCollection", "getSecret", null, 500),
            new StackTraceElement(
                    "com.github.javakeyring.internal.freedesktop.FreedesktopKeyringBackend", "getPassword", null, 70)
        });
        KeyringUnavailableException e = BoundedKeyring.classify(npe, "get", null);
        assertEquals(KeyringUnavailableException.Reason.LOCKED, e.reason());
        assertFalse(e.getMessage().contains("array length"), e.getMessage());
    }

    @Test
    void npeFromOurOwnCodeIsNotCalledLocked() {
        NullPointerException npe = new NullPointerException();
        npe.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("java.util.Objects", "requireNonNull", "Objects.java", 209),
            new StackTraceElement("io.pipecat.cli.store.keyring.BoundedKeyring", "lambda$get$1", null, 100)
        });
        assertEquals(
                KeyringUnavailableException.Reason.BACKEND_ERROR,
                BoundedKeyring.classify(npe, "get", null).reason());
    }

    @Test
    void invalidTimeoutRejected() {
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> BoundedKeyring.open(Duration.ZERO));
    }
}
