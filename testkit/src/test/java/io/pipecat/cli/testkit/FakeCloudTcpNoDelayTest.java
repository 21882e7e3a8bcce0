package io.pipecat.cli.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * The fake answers as real servers do, with TCP_NODELAY on every accepted connection: without it
 * the JDK server sends headers and body as two segments and the second waits for the client's
 * delayed ACK (~40 ms a response), which a benchmark would charge to the CLI. Checked on the
 * server's own live sockets, over plain http and over TLS, while a client holds a kept-alive
 * connection open.
 */
class FakeCloudTcpNoDelayTest {

    @Test
    void everyConnectionThePlainHttpFakeAcceptsHasTcpNoDelay() throws Exception {
        try (FakePipecatCloud fake = FakePipecatCloud.start();
                Socket client = new Socket(InetAddress.getLoopbackAddress(), fake.port())) {
            exchange(client, fake);
            List<SocketChannel> live = liveConnections(fake);
            assertFalse(live.isEmpty(), "the kept-alive connection is among the server's connections");
            for (SocketChannel channel : live) {
                assertTrue(channel.getOption(StandardSocketOptions.TCP_NODELAY), "TCP_NODELAY on " + channel);
            }
        }
    }

    @Test
    void everyConnectionTheHttpsFakeAcceptsHasTcpNoDelay() throws Exception {
        try (FakePipecatCloud fake = FakePipecatCloud.startHttps();
                Socket client = trustingTheTestCa()
                        .getSocketFactory()
                        .createSocket(InetAddress.getLoopbackAddress(), fake.port())) {
            ((SSLSocket) client).startHandshake();
            exchange(client, fake);
            List<SocketChannel> live = liveConnections(fake);
            assertFalse(live.isEmpty(), "the kept-alive connection is among the server's connections");
            for (SocketChannel channel : live) {
                assertTrue(channel.getOption(StandardSocketOptions.TCP_NODELAY), "TCP_NODELAY on " + channel);
            }
        }
    }

    /** One HTTP/1.1 request with keep-alive; reads the whole answer and leaves the connection open. */
    private static void exchange(Socket client, FakePipecatCloud fake) throws Exception {
        OutputStream out = client.getOutputStream();
        out.write(("GET /auth/config HTTP/1.1\r\nHost: 127.0.0.1:" + fake.port()
                        + "\r\nUser-Agent: PipecatCloudCLI/test\r\nConnection: keep-alive\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = client.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertTrue(b >= 0, "the server closed the connection early: " + head);
            head.append((char) b);
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 200"), head.toString());
        int length = Integer.parseInt(head.toString()
                .lines()
                .filter(l -> l.toLowerCase().startsWith("content-length:"))
                .findFirst()
                .orElseThrow()
                .substring("content-length:".length())
                .strip());
        assertEquals(length, in.readNBytes(length).length);
    }

    /** The channels of the connections the JDK server holds (its own, not the client's). */
    private static List<SocketChannel> liveConnections(FakePipecatCloud fake) throws Exception {
        HttpServer server = (HttpServer) field(fake, "server");
        Object impl = field(server, "server");
        Set<?> connections = (Set<?>) field(impl, "allConnections");
        List<SocketChannel> channels = new ArrayList<>();
        synchronized (connections) {
            for (Object connection : connections) {
                channels.add((SocketChannel) field(connection, "chan"));
            }
        }
        return channels;
    }

    private static Object field(Object owner, String name) throws Exception {
        for (Class<?> c = owner.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(owner);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(owner.getClass() + "." + name);
    }

    private static SSLContext trustingTheTestCa() throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", TestCertificateAuthority.shared().caCertificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
