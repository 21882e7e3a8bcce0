package io.pipecat.cli.core.internal;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
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
        daemon("pipecat-tls-setup", this::delegate);
        // Every TLS 1.3 handshake of the JDK offers an X25519 and a P-256 key share, so it makes
        // one key pair of each. The JDK's first P-256 key pair also builds its table of multiples
        // of the curve's generator (JDK 21+; ~100 ms of CPU, once per process): made here, on
        // another core, while the trust store is read, instead of in the middle of the handshake.
        // Throw-away keys; the handshake makes its own.
        daemon("pipecat-tls-keys", () -> {
            try {
                KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
                ec.initialize(new ECGenParameterSpec("secp256r1"));
                ec.generateKeyPair();
                KeyPairGenerator.getInstance("X25519").generateKeyPair();
            } catch (GeneralSecurityException e) {
                // a runtime without these curves: the handshake offers what it has
            }
        });
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(
                () -> {
                    try {
                        work.run();
                    } catch (RuntimeException | Error e) {
                        // only a head start: the connection that needs it reports any failure
                    }
                },
                name);
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
