package org.pacsbridge.dicom.net;

import org.pacsbridge.tls.TlsServerConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pacsbridge.dicom.net.NetTestSupport.*;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.TlsCertificates;

/** DICOM TLS on a {@link DicomServer}, with dcmtk's echoscu/storescu and openssl s_client as the clients. */
class DicomTlsServerTest {
    @TempDir
    static Path certificateDir;
    static TlsCertificates certificates;

    @TempDir
    Path tmp;
    private DicomServer server;
    private final RecordingHandler handler = new RecordingHandler();

    @BeforeAll
    static void certificates() throws Exception {
        assumeTrue(TlsCertificates.available() && Dcmtk.available(), "keytool, openssl and dcmtk needed");
        certificates = TlsCertificates.create(certificateDir);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(TlsServerConfig.ClientAuth clientAuth) throws IOException {
        TlsServerConfig tls = new TlsServerConfig(certificates.serverKeyStore, "PKCS12",
                TlsCertificates.PASSWORD.toCharArray(), certificates.trustStore, "PKCS12",
                TlsCertificates.PASSWORD.toCharArray(), clientAuth, null);
        server = new DicomServer(serverConfig().tls(tls).build(), handler);
        server.start();
    }

    private Dcmtk.Result echo(String... tlsOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of("echoscu", "-aet", "ECHOSCU", "-aec", "BRIDGE"));
        command.addAll(List.of(tlsOptions));
        command.add("127.0.0.1");
        command.add(Integer.toString(server.localPort()));
        return Dcmtk.run(30, command.toArray(String[]::new));
    }

    private Dcmtk.Result anonymousEcho() throws Exception {
        return echo("+tla", "+cf", certificates.serverCertificatePem.toString());
    }

    @Test
    void echoscuWithAnonymousTlsTrustingTheServerCertificate() throws Exception {
        start(TlsServerConfig.ClientAuth.NONE);
        Dcmtk.Result r = anonymousEcho();
        assertTrue(r.ok(), r.output());
        assertTrue(waitFor(() -> server.activeAssociations() == 0, 5000), "the association is released");
    }

    @Test
    void echoscuRefusesAnUntrustedServerCertificate() throws Exception {
        start(TlsServerConfig.ClientAuth.NONE);
        // the client trusts only the stranger's certificate: the server's one cannot be verified
        Dcmtk.Result r = echo("+tla", "+cf", certificates.strangerCertificatePem.toString());
        assertFalse(r.ok(), r.output());
        assertTrue(anonymousEcho().ok(), "the server keeps serving");
    }

    @Test
    void storescuOverTlsDeliversTheObject() throws Exception {
        start(TlsServerConfig.ClientAuth.NONE);
        String uid = "1.2.826.0.1.3680043.2.1125.9.1";
        byte[] dataSet = scDataSet(uid, true, false, 64, 64);
        Path file = writePart10(tmp.resolve("sc.dcm"), SC, uid, EXPLICIT_LE, dataSet);

        Dcmtk.Result r = Dcmtk.storescu("BRIDGE", server.localPort(),
                List.of("+tla", "+cf", certificates.serverCertificatePem.toString()), file);

        assertTrue(r.ok(), r.output());
        assertEquals(1, handler.stored.size());
        Stored stored = handler.stored.get(0);
        assertTrue(stored.completed);
        assertEquals(uid, stored.request.affectedSopInstanceUid());
        assertEquals("STORESCU", stored.request.association().callingAeTitle());
        assertArrayEquals(dataSet, stored.bytes.toByteArray());
    }

    @Test
    void requiredClientCertificate() throws Exception {
        start(TlsServerConfig.ClientAuth.NEED);

        Dcmtk.Result withoutCertificate = anonymousEcho();
        assertFalse(withoutCertificate.ok(), withoutCertificate.output());

        Dcmtk.Result untrusted = echo("+tls", certificates.strangerKeyPem.toString(),
                certificates.strangerCertificatePem.toString(), "+cf", certificates.serverCertificatePem.toString());
        assertFalse(untrusted.ok(), untrusted.output());

        Dcmtk.Result trusted = echo("+tls", certificates.clientKeyPem.toString(),
                certificates.clientCertificatePem.toString(), "+cf", certificates.serverCertificatePem.toString());
        assertTrue(trusted.ok(), trusted.output());
        assertTrue(waitFor(() -> server.activeAssociations() == 0, 5000));
    }

    @Test
    void wantedClientCertificateIsOptional() throws Exception {
        start(TlsServerConfig.ClientAuth.WANT);
        assertTrue(anonymousEcho().ok());
        Dcmtk.Result trusted = echo("+tls", certificates.clientKeyPem.toString(),
                certificates.clientCertificatePem.toString(), "+cf", certificates.serverCertificatePem.toString());
        assertTrue(trusted.ok(), trusted.output());
    }

    @Test
    void plainDicomOnTheTlsPortFailsAndTheServerKeepsServing() throws Exception {
        start(TlsServerConfig.ClientAuth.NONE);

        Dcmtk.Result plain = echo();
        assertFalse(plain.ok(), plain.output());

        // an A-ASSOCIATE-RQ in the clear is not a TLS record: the connection is closed, nothing is answered
        try (Socket socket = new Socket("127.0.0.1", server.localPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(associateRq("PLAIN", "BRIDGE", pc(1, VERIFICATION, IMPLICIT_LE)));
            assertEquals(-1, readUntilClosed(socket.getInputStream()));
        }
        assertTrue(waitFor(() -> server.activeAssociations() == 0, 5000));
        assertTrue(anonymousEcho().ok(), "the server keeps serving");
    }

    /** Whatever the server sends (a TLS alert at most), then end of stream; returns what read() returned last. */
    private static int readUntilClosed(InputStream in) throws IOException {
        byte[] buf = new byte[256];
        int n;
        int total = 0;
        try {
            while ((n = in.read(buf)) > 0) {
                assertNotEquals(0x02, buf[0], "no A-ASSOCIATE-AC in the clear");
                total += n;
                assertTrue(total < 256, "more than a TLS alert");
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server left the connection open", e);
        } catch (java.net.SocketException reset) {
            return -1;
        }
        return n;
    }

    @Test
    void onlyTls13And12WithStrongCipherSuites() throws Exception {
        start(TlsServerConfig.ClientAuth.NONE);
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), server.enabledTlsProtocols());

        Dcmtk.Result tls13 = TlsCertificates.sClient(server.localPort(), "-tls1_3");
        assertEquals(0, tls13.exitCode(), tls13.output());
        assertTrue(tls13.output().contains("TLSv1.3"), tls13.output());

        Dcmtk.Result tls12 = TlsCertificates.sClient(server.localPort(), "-tls1_2");
        assertEquals(0, tls12.exitCode(), tls12.output());
        assertTrue(tls12.output().contains("ECDHE-ECDSA-AES256-GCM-SHA384"), tls12.output());

        Dcmtk.Result tls11 = TlsCertificates.sClient(server.localPort(), "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
        assertNotEquals(0, tls11.exitCode(), tls11.output());
        Dcmtk.Result tls10 = TlsCertificates.sClient(server.localPort(), "-tls1", "-cipher", "DEFAULT@SECLEVEL=0");
        assertNotEquals(0, tls10.exitCode(), tls10.output());

        // TLS 1.2 with a CBC suite without forward secrecy, and one with CBC and ECDHE: both refused
        Dcmtk.Result cbc = TlsCertificates.sClient(server.localPort(), "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA256");
        assertNotEquals(0, cbc.exitCode(), cbc.output());

        assertTrue(anonymousEcho().ok(), "the server keeps serving");
    }

    @Test
    void olderProtocolsCannotBeConfigured() {
        assertThrows(IllegalArgumentException.class, () -> new TlsServerConfig(certificates.serverKeyStore, "PKCS12",
                new char[0], null, null, null, TlsServerConfig.ClientAuth.NONE, List.of("TLSv1.2", "TLSv1.1")));
        TlsServerConfig tls = TlsServerConfig.of(certificates.serverKeyStore, "secret-value".toCharArray());
        assertFalse(tls.toString().contains("secret-value"), tls.toString());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), tls.protocols());
    }

    @Test
    void closeDoesNotWaitForAClientThatNeverSpeaks() throws Exception {
        start(TlsServerConfig.ClientAuth.NONE);
        try (Socket silent = new Socket("127.0.0.1", server.localPort())) {
            assertTrue(waitFor(() -> server.activeAssociations() == 1, 5000));
            long started = System.nanoTime();
            server.close();
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 2000, "close took " + millis + " ms");
            assertEquals(0, server.activeAssociations());
        }
    }
}
