package org.pacsbridge.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed EC (P-256) certificates for TLS tests (DICOM, MLLP): the server's PKCS12 key store made with the JDK's
 * keytool (and its certificate as PEM for dcmtk's {@code +cf}); client keys and certificates as PEM made with
 * openssl (dcmtk's {@code +tls key cert}); a PKCS12 trust store holding the trusted client's certificate.
 */
public final class TlsCertificates {
    public static final String PASSWORD = "changeit-test";

    public final Path serverKeyStore;
    public final Path serverCertificatePem;
    public final Path clientKeyPem;
    public final Path clientCertificatePem;
    public final Path strangerKeyPem;
    public final Path strangerCertificatePem;
    /** The client's key and certificate as a PKCS12 key store (for Java clients). */
    public final Path clientKeyStore;
    /** Trusts the client certificate only (not the stranger's). */
    public final Path trustStore;
    /** Trusts the server certificate: a Java client's trust store. */
    public final Path serverTrustStore;

    private TlsCertificates(Path dir) {
        serverKeyStore = dir.resolve("server.p12");
        serverCertificatePem = dir.resolve("server.pem");
        clientKeyPem = dir.resolve("client-key.pem");
        clientCertificatePem = dir.resolve("client.pem");
        strangerKeyPem = dir.resolve("stranger-key.pem");
        strangerCertificatePem = dir.resolve("stranger.pem");
        clientKeyStore = dir.resolve("client.p12");
        trustStore = dir.resolve("trust.p12");
        serverTrustStore = dir.resolve("server-trust.p12");
    }

    /** @return true if keytool and openssl are on the PATH */
    public static boolean available() {
        return Dcmtk.onPath("keytool") && Dcmtk.onPath("openssl");
    }

    /** Creates all files in {@code dir}. */
    public static TlsCertificates create(Path dir) throws IOException, InterruptedException {
        TlsCertificates c = new TlsCertificates(dir);
        run("keytool", "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-dname", "CN=pacs-bridge-test", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", c.serverKeyStore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        run("keytool", "-exportcert", "-rfc", "-alias", "server", "-keystore", c.serverKeyStore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-file", c.serverCertificatePem.toString());
        client(c.clientKeyPem, c.clientCertificatePem, "CN=MODALITY1");
        client(c.strangerKeyPem, c.strangerCertificatePem, "CN=STRANGER");
        run("openssl", "pkcs12", "-export", "-inkey", c.clientKeyPem.toString(), "-in", c.clientCertificatePem.toString(),
                "-name", "client", "-out", c.clientKeyStore.toString(), "-passout", "pass:" + PASSWORD);
        run("keytool", "-importcert", "-noprompt", "-alias", "modality1", "-file", c.clientCertificatePem.toString(),
                "-storetype", "PKCS12", "-keystore", c.trustStore.toString(), "-storepass", PASSWORD);
        run("keytool", "-importcert", "-noprompt", "-alias", "server", "-file", c.serverCertificatePem.toString(),
                "-storetype", "PKCS12", "-keystore", c.serverTrustStore.toString(), "-storepass", PASSWORD);
        return c;
    }

    /**
     * A client-side TLS context that trusts the server certificate only, with the client's certificate when
     * {@code withClientCertificate}.
     */
    public SSLContext clientContext(boolean withClientCertificate) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(serverCertificatePem)) {
            trusted.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        KeyManager[] keyManagers = null;
        if (withClientCertificate) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(clientKeyStore)) {
                keys.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASSWORD.toCharArray());
            keyManagers = kmf.getKeyManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, tmf.getTrustManagers(), null);
        return context;
    }

    /** A PKCS12 trust store (password {@link #PASSWORD}) holding the server's certificate, for clients of the server. */
    public Path serverTrustStore(Path file) throws IOException, InterruptedException {
        run("keytool", "-importcert", "-noprompt", "-alias", "server", "-file", serverCertificatePem.toString(),
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", PASSWORD);
        return file;
    }

    private static void client(Path key, Path certificate, String subject) throws IOException, InterruptedException {
        run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", certificate.toString(), "-subj", "/" + subject.replace(",", "/"),
                "-days", "2");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Dcmtk.Result r = Dcmtk.run(60, command);
        if (!r.ok()) {
            throw new IOException(String.join(" ", command) + " failed: " + r.output());
        }
    }

    /** Runs {@code openssl s_client} against 127.0.0.1:port with the given options and no input. */
    public static Dcmtk.Result sClient(int port, String... options) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        byte[] output;
        try (var in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("openssl s_client did not finish");
        }
        return new Dcmtk.Result(process.exitValue(), new String(output, StandardCharsets.UTF_8), "");
    }
}
