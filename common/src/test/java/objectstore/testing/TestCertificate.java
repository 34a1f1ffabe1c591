package objectstore.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} and {@code *.localhost}, made for one test run with the JDK's
 * {@code keytool}: the keystore a server serves https with, and the ways a client comes to trust it (an
 * {@link SSLContext}, or a trust store file for {@code -Djavax.net.ssl.trustStore}).
 */
public final class TestCertificate {

    private final Path keystore;
    private final Path trustStore;
    private final String password;
    private final X509Certificate certificate;

    private TestCertificate(Path keystore, Path trustStore, String password, X509Certificate certificate) {
        this.keystore = keystore;
        this.trustStore = trustStore;
        this.password = password;
        this.certificate = certificate;
    }

    /**
     * Makes the key pair and certificate in {@code dir} (EC P-256, valid two days), and a trust store holding the
     * certificate.
     */
    public static TestCertificate create(Path dir) {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Path keystore = dir.resolve("server.p12");
        Path trustStore = dir.resolve("trust.p12");
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(keystore);
            String keytool =
                    Paths.get(System.getProperty("java.home"), "bin", "keytool").toString();
            Process process = new ProcessBuilder(List.of(
                            keytool,
                            "-genkeypair",
                            "-alias",
                            "server",
                            "-keyalg",
                            "EC",
                            "-groupname",
                            "secp256r1",
                            "-dname",
                            "CN=localhost",
                            "-ext",
                            "SAN=dns:localhost,dns:*.localhost",
                            "-validity",
                            "2",
                            "-keystore",
                            keystore.toString(),
                            "-storetype",
                            "PKCS12",
                            "-storepass",
                            password,
                            "-keypass",
                            password))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore server = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                server.load(in, password.toCharArray());
            }
            X509Certificate certificate = (X509Certificate) server.getCertificate("server");
            KeyStore trusted = trustStoreOf(certificate);
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                trusted.store(out, password.toCharArray());
            }
            return new TestCertificate(keystore, trustStore, password, certificate);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not make a test certificate in " + dir + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keytool ran", e);
        }
    }

    /** The server's PKCS12 keystore: key and certificate. */
    public Path keystore() {
        return keystore;
    }

    /** A PKCS12 trust store holding the certificate alone, for {@code -Djavax.net.ssl.trustStore}. */
    public Path trustStore() {
        return trustStore;
    }

    /** The password of both stores. */
    public String password() {
        return password;
    }

    /** An SSLContext that trusts this certificate and nothing else. */
    public SSLContext trustingContext() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStoreOf(certificate));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore trustStoreOf(X509Certificate certificate) throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("test-server", certificate);
        return trusted;
    }
}
