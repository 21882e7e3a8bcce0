package io.pipecat.cli.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away certificate authority and one server certificate it signed for {@code 127.0.0.1} and
 * {@code localhost}, so that {@link FakePipecatCloud#startHttps()} serves real TLS that a client
 * verifies as it verifies a real server: the CLI trusts it only through a trust store that holds
 * the CA ({@link #writeTrustStore}), never through weaker checks.
 *
 * <p>Made with the running JDK's {@code keytool} (EC P-256 keys, valid for 30 days) in a temporary
 * folder that is deleted at once; the keys then live in memory only. One per JVM.
 */
public final class TestCertificateAuthority {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static TestCertificateAuthority shared;

    private final X509Certificate caCertificate;
    private final KeyStore serverKeys;

    private TestCertificateAuthority(X509Certificate caCertificate, KeyStore serverKeys) {
        this.caCertificate = caCertificate;
        this.serverKeys = serverKeys;
    }

    /** The authority of this JVM, made on first use (a few keytool runs). */
    public static synchronized TestCertificateAuthority shared() {
        if (shared == null) {
            shared = create();
        }
        return shared;
    }

    /** @return the CA's certificate: a client that trusts it trusts the fake */
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** @return a TLS context that presents the server certificate and the CA's (the chain) */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(serverKeys, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the test TLS context", e);
        }
    }

    /**
     * Writes a trust store (JKS, password {@code changeit}, readable without one) that holds every
     * certificate of {@code base} and this CA: a client given it (e.g. {@code
     * -Djavax.net.ssl.trustStore=FILE}) trusts the fake and everything it trusted before, and reads a
     * store as big as the system's.
     *
     * @param base a trust store to start from (JKS or PKCS12, read without a password), or null for
     *     the CA alone
     * @return {@code file}
     */
    public Path writeTrustStore(Path file, Path base) {
        try {
            KeyStore store = KeyStore.getInstance("JKS");
            store.load(null, null);
            if (base != null) {
                KeyStore from = KeyStore.getInstance(KeyStore.getDefaultType());
                try (InputStream in = Files.newInputStream(base)) {
                    from.load(in, null);
                }
                for (String alias : Collections.list(from.aliases())) {
                    Certificate certificate = from.getCertificate(alias);
                    if (certificate != null) {
                        store.setCertificateEntry(alias, certificate);
                    }
                }
            }
            store.setCertificateEntry("pipecat-test-ca", caCertificate);
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, PASSWORD);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trust store " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the trust store " + file, e);
        }
    }

    /**
     * The trust store the CLI's launch script uses when the OS keeps one
     * ({@code /etc/ssl/certs/java/cacerts}), else the running JDK's own.
     */
    public static Path systemTrustStore() {
        Path os = Path.of("/etc/ssl/certs/java/cacerts");
        return Files.isRegularFile(os) ? os : Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
    }

    private static TestCertificateAuthority create() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("pipecat-test-ca");
            String pass = new String(PASSWORD);
            Path ca = dir.resolve("ca.p12");
            Path server = dir.resolve("server.p12");
            Path request = dir.resolve("server.csr");
            Path signed = dir.resolve("server.crt");
            keytool(
                    "-genkeypair",
                    "-alias",
                    "ca",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=Pipecat Test CA",
                    "-ext",
                    "bc:c",
                    "-validity",
                    "30",
                    "-keystore",
                    ca.toString(),
                    "-storetype",
                    "PKCS12",
                    "-storepass",
                    pass);
            keytool(
                    "-genkeypair",
                    "-alias",
                    "server",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=127.0.0.1",
                    "-validity",
                    "30",
                    "-keystore",
                    server.toString(),
                    "-storetype",
                    "PKCS12",
                    "-storepass",
                    pass);
            keytool(
                    "-certreq",
                    "-alias",
                    "server",
                    "-keystore",
                    server.toString(),
                    "-storepass",
                    pass,
                    "-file",
                    request.toString());
            keytool(
                    "-gencert",
                    "-alias",
                    "ca",
                    "-keystore",
                    ca.toString(),
                    "-storepass",
                    pass,
                    "-infile",
                    request.toString(),
                    "-outfile",
                    signed.toString(),
                    "-ext",
                    "san=ip:127.0.0.1,dns:localhost",
                    "-ext",
                    "eku=serverAuth",
                    "-validity",
                    "30");

            KeyStore caStore = load(ca);
            X509Certificate caCertificate = (X509Certificate) caStore.getCertificate("ca");
            KeyStore serverStore = load(server);
            Key key = serverStore.getKey("server", PASSWORD);
            X509Certificate leaf;
            try (InputStream in = Files.newInputStream(signed)) {
                leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", key, PASSWORD, new Certificate[] {leaf, caCertificate});
            return new TestCertificateAuthority(caCertificate, keys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the test certificate authority", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the test certificate authority", e);
        } finally {
            if (dir != null) {
                deleteQuietly(dir);
            }
        }
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        } finally {
            process.destroy();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // nothing secret lies here: throw-away test keys only
        }
    }
}
