package io.pipecat.cli.core.internal;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.ssl.SSLContexts;

/**
 * httpclient5's TLS strategy, created on the first TLS connection instead of with the client:
 * building it initialises JSSE and parses the trust store (~300 classes, tens of ms), which a
 * plain-http call to a loopback host never needs. Uses the JSSE defaults, so
 * {@code javax.net.ssl.trustStore} (the system trust store of the runtime image) applies.
 *
 * <p>The host name is verified by the JDK during the handshake (endpoint identification
 * {@code HTTPS}, as {@code java.net.http} and every JSSE client do: the certificate's subject
 * alternative names, wildcards checked against the JDK's public suffix list), not a second time by
 * httpclient5's own verifier, whose public suffix list (a 330 KB text parsed on first use, ~25 ms
 * of CPU) every https command would otherwise pay for.
 */
final class LazyTlsSocketStrategy implements TlsSocketStrategy {
    private volatile TlsSocketStrategy delegate;
    private final AtomicBoolean preparing = new AtomicBoolean();

    /**
     * Builds the strategy on a daemon thread, once, so that it is ready (or nearly) when the first
     * TLS connection needs it: the trust store's parsing then runs on the other core while the
     * caller does something else (reads the keychain). A failure here is dropped: the connection
     * that needs the strategy builds it again and reports what went wrong.
     */
    void prepareInBackground() {
        if (delegate != null || !preparing.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(
                () -> {
                    try {
                        delegate();
                    } catch (RuntimeException | Error e) {
                        // reported by the connection that needs it
                    }
                },
                "pipecat-tls-setup");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return whether the strategy has been built (by a connection or {@link #prepareInBackground}) */
    boolean ready() {
        return delegate != null;
    }

    @Override
    public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
            throws IOException {
        return delegate().upgrade(socket, target, port, attachment, context);
    }

    private TlsSocketStrategy delegate() {
        TlsSocketStrategy current = delegate;
        if (current == null) {
            synchronized (this) {
                current = delegate;
                if (current == null) {
                    current = new DefaultClientTlsStrategy(
                            SSLContexts.createDefault(), HostnameVerificationPolicy.BUILTIN, null);
                    delegate = current;
                }
            }
        }
        return current;
    }
}
