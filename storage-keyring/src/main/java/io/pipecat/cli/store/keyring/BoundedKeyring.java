package io.pipecat.cli.store.keyring;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import io.pipecat.cli.store.keyring.KeyringUnavailableException.Reason;
import io.pipecat.cli.store.keyring.KeyringUnavailableException.SanitizedCause;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OS keychain, opened once per process, every call bounded in time. Thread-safe.
 *
 * <p>All library calls run one at a time on a private daemon worker thread; the caller waits at most
 * the timeout given to {@link #open(Duration)}. A timeout or any {@link Throwable} from the library
 * (RuntimeException incl. NPE, Error such as NoClassDefFoundError/UnsatisfiedLinkError, checked
 * exceptions) becomes a {@link KeyringUnavailableException}, except the library's "no such item",
 * which is {@link Optional#empty()} / {@code false}.
 *
 * <p>After one call timed out, the worker may be stuck inside the library for good; the instance then
 * fails fast ({@link Reason#TIMED_OUT}) instead of making every later call wait out the timeout too.
 */
public final class BoundedKeyring implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final String REDACTED = "<redacted>";
    private static final String CLOSED_MESSAGE = "The OS keychain connection was already closed";

    private final Keyring keyring;
    private final ThreadPoolExecutor worker;
    private final Duration timeout;
    private final Object stateLock = new Object();
    private String poisoned; // guarded by stateLock: message of the call that timed out
    private boolean closed; // guarded by stateLock
    private volatile boolean libraryClosed; // the library's close() returned normally

    private BoundedKeyring(Keyring keyring, ThreadPoolExecutor worker, Duration timeout) {
        this.keyring = keyring;
        this.worker = worker;
        this.timeout = timeout;
    }

    /** Opens the platform keychain within {@code timeout}; KeyringUnavailableException if it can't. */
    public static BoundedKeyring open(Duration timeout) throws KeyringUnavailableException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        ThreadPoolExecutor worker = newWorker();
        // If create() finishes only after we gave up, the late Keyring must still be closed, or its
        // D-Bus connection (with a non-daemon sender thread) lingers.
        var handoff = new Object() {
            boolean abandoned; // guarded by this
            Keyring created; // guarded by this
        };
        FutureTask<Keyring> task = new FutureTask<>(() -> {
            Keyring k = Keyring.create();
            boolean late;
            synchronized (handoff) {
                late = handoff.abandoned;
                handoff.created = k;
            }
            if (late) {
                closeQuietly(k);
            }
            return k;
        });
        try {
            worker.execute(task);
            Keyring keyring = await(task, timeout, "open", null);
            BoundedKeyring opened = new BoundedKeyring(keyring, worker, timeout);
            opened.startExitWatchdog();
            return opened;
        } catch (RuntimeException | Error e) {
            Keyring late;
            synchronized (handoff) {
                handoff.abandoned = true;
                late = handoff.created; // exactly one side closes it
            }
            if (late != null) {
                closeQuietly(late);
            }
            worker.shutdownNow();
            throw e;
        }
    }

    /** @return the secret, or empty if there is no such item */
    public Optional<String> get(String service, String account) throws KeyringUnavailableException {
        checkKey(service, account);
        return call("get", null, () -> {
            try {
                return Optional.of(keyring.getPassword(service, account));
            } catch (PasswordAccessException e) {
                if (isNotFound(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    public void set(String service, String account, String secret) throws KeyringUnavailableException {
        checkKey(service, account);
        Objects.requireNonNull(secret, "secret");
        call("set", secret, () -> {
            keyring.setPassword(service, account, secret);
            return null;
        });
    }

    /** @return false if there was nothing to delete */
    public boolean delete(String service, String account) throws KeyringUnavailableException {
        checkKey(service, account);
        return call("delete", null, () -> {
            try {
                keyring.deletePassword(service, account);
                return true;
            } catch (PasswordAccessException e) {
                if (isNotFound(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    /**
     * Closes the D-Bus connection; idempotent; bounded too (waits at most the timeout, never throws).
     * Later calls fail with {@link Reason#CLOSED}.
     */
    @Override
    public void close() {
        boolean wasPoisoned;
        synchronized (stateLock) {
            if (closed) {
                return;
            }
            closed = true;
            wasPoisoned = poisoned != null;
        }
        try {
            closeLibrary(!wasPoisoned);
        } finally {
            worker.shutdownNow();
        }
    }

    /**
     * Runs the library's close() bounded by the timeout; on the worker (queued behind calls in
     * flight) or, if the worker may be stuck, on a fresh daemon thread. Never throws.
     */
    private void closeLibrary(boolean onWorker) {
        FutureTask<Void> task = new FutureTask<>(() -> {
            keyring.close();
            libraryClosed = true;
            return null;
        });
        try {
            if (onWorker) {
                worker.execute(task);
            } else {
                Thread t = new Thread(task, "pipecat-keyring-close-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                t.start();
            }
            task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            // best effort. Known case: dbus-java 4.2.1 disconnect() throws an NPE while a call is still
            // pending (Error.<init> with a null exception) and leaves its sender thread running; the
            // exit watchdog retries until the bus has failed that call.
        }
    }

    /**
     * dbus-java 4.2.1 runs a NON-daemon "DBus Sender Thread" per connection, so a process whose main
     * returns without {@link #close()} never exits (measured: hangs indefinitely). Safety net: a daemon
     * thread polls (every 100 ms, a cheap thread enumeration) and closes the keyring once the only
     * non-daemon threads left are dbus-java's and DestroyJavaVM, i.e. main has returned. Processes
     * that end with System.exit are not affected either way.
     */
    private void startExitWatchdog() {
        Thread t = new Thread(
                () -> {
                    try {
                        long nextRetry = System.nanoTime();
                        while (!libraryClosed) {
                            Thread.sleep(100);
                            if (!onlyLibraryThreadsKeepJvmAlive()) {
                                continue;
                            }
                            if (!isClosed()) {
                                close();
                            } else if (System.nanoTime() - nextRetry > 0) {
                                // close() already ran but failed (a hung call was pending): retry once a second
                                closeLibrary(false);
                                nextRetry = System.nanoTime() + 1_000_000_000L;
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "pipecat-keyring-exit-watchdog-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        t.start();
    }

    private boolean isClosed() {
        synchronized (stateLock) {
            return closed;
        }
    }

    private static boolean onlyLibraryThreadsKeepJvmAlive() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            Thread th = threads[i];
            if (th.isDaemon() || !th.isAlive()) {
                continue;
            }
            String name = th.getName();
            if (!name.equals("DestroyJavaVM") && !name.startsWith("DBus ")) {
                return false; // e.g. main, or an application thread: the JVM is not exiting yet
            }
        }
        return true;
    }

    private <T> T call(String op, String secret, Callable<T> body) {
        FutureTask<T> task = new FutureTask<>(body);
        synchronized (stateLock) {
            if (closed) {
                throw new KeyringUnavailableException(Reason.CLOSED, CLOSED_MESSAGE, null);
            }
            if (poisoned != null) {
                throw new KeyringUnavailableException(Reason.TIMED_OUT, poisoned, null);
            }
            try {
                worker.execute(task);
            } catch (RejectedExecutionException e) {
                throw new KeyringUnavailableException(Reason.CLOSED, CLOSED_MESSAGE, null);
            }
        }
        try {
            return await(task, timeout, op, secret);
        } catch (KeyringUnavailableException e) {
            if (e.reason() == Reason.TIMED_OUT) {
                synchronized (stateLock) {
                    if (poisoned == null) {
                        poisoned = e.getMessage() + " (an earlier " + op + " call did not return)";
                    }
                }
            }
            throw e;
        }
    }

    /** Waits for {@code task}; maps timeout / interruption / any failure to KeyringUnavailableException. */
    private static <T> T await(Future<T> task, Duration timeout, String op, String secret) {
        try {
            return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new KeyringUnavailableException(
                    Reason.TIMED_OUT,
                    "The OS keychain did not answer within "
                            + seconds(timeout)
                            + " ("
                            + op
                            + "; it may be locked and waiting for an unlock prompt)",
                    null);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new KeyringUnavailableException(
                    Reason.CLOSED, "Interrupted while waiting for the OS keychain (" + op + ")", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw classify(cause, op, secret);
        }
    }

    static KeyringUnavailableException classify(Throwable t, String op, String secret) {
        SanitizedCause sanitized = sanitize(t, secret, 0);
        if (t instanceof BackendNotSupportedException) {
            if (isLinux()) {
                String bus = System.getenv("DBUS_SESSION_BUS_ADDRESS");
                if (isBlank(bus)) {
                    return new KeyringUnavailableException(
                            Reason.NO_DBUS_SESSION,
                            "The OS keychain cannot be reached: there is no D-Bus session"
                                    + " (DBUS_SESSION_BUS_ADDRESS is not set)",
                            sanitized);
                }
                if (t.getCause() != null) { // "Error connecting to dbus" caused by an IOException
                    return new KeyringUnavailableException(
                            Reason.NO_DBUS_SESSION,
                            "The OS keychain cannot be reached: no D-Bus session bus answers at"
                                    + " DBUS_SESSION_BUS_ADDRESS",
                            sanitized);
                }
                String missing = missingDbusModules();
                if (missing != null) {
                    // java-keyring swallows the NoClassDefFoundError and reports "no backend": say what it is
                    return new KeyringUnavailableException(
                            Reason.BACKEND_ERROR,
                            "The OS keychain cannot be used: module " + missing + " is missing from the CLI's"
                                    + " modules (a packaging bug: module-info must require it)",
                            sanitized);
                }
                return new KeyringUnavailableException(
                        Reason.NOT_RUNNING,
                        "The OS keychain cannot be reached: no Secret Service (such as gnome-keyring or KWallet)"
                                + " is running on the D-Bus session",
                        sanitized);
            }
            return new KeyringUnavailableException(
                    Reason.NO_BACKEND,
                    "The OS keychain cannot be used: no keychain backend works on this system",
                    sanitized);
        }
        if (t instanceof NullPointerException && thrownInsideLibrary(t)) {
            // java-keyring 1.0.4 / secret-service: a D-Bus call that got no answer (a locked
            // collection whose unlock prompt could not be shown or was dismissed, no default
            // collection, daemon gone) surfaces as an NPE
            return new KeyringUnavailableException(
                    Reason.LOCKED,
                    "The OS keychain is locked (the Secret Service gave no answer to " + op + ")",
                    sanitized);
        }
        // The library's own text stays out of the message (it is Java, not advice): the sanitized
        // cause carries it for --verbose.
        return new KeyringUnavailableException(Reason.BACKEND_ERROR, "The OS keychain failed (" + op + ")", sanitized);
    }

    /** When run as modules: the dbus-java module that is missing from java-keyring's layer, or null. */
    private static String missingDbusModules() {
        Module m = Keyring.class.getModule();
        if (!m.isNamed() || m.getLayer() == null) {
            return null; // class path: nothing to check
        }
        for (String name : new String[] {"org.freedesktop.dbus", "org.freedesktop.dbus.transport.jre"}) {
            if (m.getLayer().findModule(name).isEmpty()) {
                return name;
            }
        }
        return null;
    }

    /**
     * The library signals "no such item" with a PasswordAccessException whose message is one of
     * these (freedesktop + modern macOS: "No stored credentials match ..."; macOS delete: "No password
     * to delete."; Windows: "Password not Found"). Other PasswordAccessExceptions are real failures.
     */
    static boolean isNotFound(PasswordAccessException e) {
        String m = e.getMessage();
        return e.getCause() == null
                && m != null
                && (m.startsWith("No stored credentials match")
                        || m.startsWith("No password to delete")
                        || m.startsWith("Password not Found"));
    }

    /**
     * Whether the library is the first caller below the JDK: the NPE of a locked collection is
     * thrown inside the JDK (e.g. {@code new String(null)}) with the library's frame just under it,
     * while one from our own task code would show our frame there instead.
     */
    private static boolean thrownInsideLibrary(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        if (trace.length == 0) {
            return true; // stack omitted by the JIT for a hot implicit NPE: it still came from the task
        }
        for (StackTraceElement frame : trace) {
            String cls = frame.getClassName();
            if (cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.")) {
                continue;
            }
            return cls.startsWith("com.github.javakeyring.")
                    || cls.startsWith("org.freedesktop.")
                    || cls.startsWith("de.swiesend.");
        }
        return false;
    }

    private static String head(Throwable t, String secret) {
        String msg = scrub(t.getMessage(), secret);
        return t.getClass().getName() + (isBlank(msg) ? "" : ": " + msg);
    }

    private static SanitizedCause sanitize(Throwable t, String secret, int depth) {
        if (t == null || depth > 8) {
            return null;
        }
        Throwable next = t.getCause() == t ? null : t.getCause();
        return new SanitizedCause(head(t, secret), t.getStackTrace(), sanitize(next, secret, depth + 1));
    }

    static String scrub(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, REDACTED);
    }

    private static void checkKey(String service, String account) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(account, "account");
    }

    private static ThreadPoolExecutor newWorker() {
        return new ThreadPoolExecutor(1, 1, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "pipecat-keyring-" + THREADS.incrementAndGet());
            t.setDaemon(true); // a call hung in the library must not keep the JVM alive
            return t;
        });
    }

    private static void closeQuietly(Keyring k) {
        try {
            k.close();
        } catch (Throwable ignored) {
            // best effort
        }
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
