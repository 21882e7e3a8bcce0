package io.pipecat.cli.core.internal;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * httpclient5's default TLS strategy, created on the first TLS connection instead of with the
 * client: building it initialises JSSE and parses the trust store (~300 classes, tens of ms),
 * which a plain-http call to a loopback host never needs. Uses the JSSE defaults, so
 * {@code javax.net.ssl.trustStore} (the system trust store of the runtime image) applies.
 */
final class LazyTlsSocketStrategy implements TlsSocketStrategy {
    private volatile TlsSocketStrategy delegate;

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
                    current = DefaultClientTlsStrategy.createDefault();
                    delegate = current;
                }
            }
        }
        return current;
    }
}
