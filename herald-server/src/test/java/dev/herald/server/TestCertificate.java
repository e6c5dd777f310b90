package dev.herald.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * An RSA key and a self-signed certificate for localhost, made with the JDK's own keytool: a PKCS12 key store for
 * an https test peer (WireMock), a trust store holding only the certificate (for Herald's SSL bundle), the
 * certificate as PEM (what SNS serves at SigningCertURL), and the private key (to sign as SNS does).
 */
record TestCertificate(Path keyStore, Path trustStore, String password, PrivateKey privateKey,
                       X509Certificate certificate) {

    static TestCertificate create() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "test-data", "certs-" + UUID.randomUUID()));
            Path keyStore = dir.resolve("peer.p12");
            Path cert = dir.resolve("peer.cer");
            Path trustStore = dir.resolve("trust.p12");
            String password = "changeit";
            keytool("-genkeypair", "-alias", "peer", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password);
            keytool("-exportcert", "-alias", "peer", "-keystore", keyStore.toString(), "-storepass", password,
                    "-file", cert.toString());
            keytool("-importcert", "-noprompt", "-alias", "peer", "-file", cert.toString(), "-storetype", "PKCS12",
                    "-keystore", trustStore.toString(), "-storepass", password);
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                store.load(in, password.toCharArray());
            }
            return new TestCertificate(keyStore.toAbsolutePath(), trustStore.toAbsolutePath(), password,
                    (PrivateKey) store.getKey("peer", password.toCharArray()),
                    (X509Certificate) store.getCertificate("peer"));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not make a test certificate", e);
        }
    }

    String pem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keytool(String... args) throws IOException {
        Path tool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(tool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
