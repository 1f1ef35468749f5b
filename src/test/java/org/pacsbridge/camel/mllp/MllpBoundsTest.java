package org.pacsbridge.camel.mllp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.testing.Hl7Reports;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.MllpClient;
import org.pacsbridge.testing.MllpPortResource;
import org.pacsbridge.testing.NodeLimitsProfile;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Attacks on the MLLP listener's bounds, each while a well-behaved sender on another connection
 * must still get AA: a 50 MiB message, a sender trickling one byte per second, and a peer
 * outside the address allow-list.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(MllpPortResource.class)
@TestProfile(NodeLimitsProfile.class)
class MllpBoundsTest {

    private static final int MIB = 1024 * 1024;
    private static final long FRAME_TIMEOUT_MILLIS = NodeLimitsProfile.MLLP_FRAME_TIMEOUT_MILLIS;

    @ConfigProperty(name = "pacs.mllp.port")
    int port;

    @ConfigProperty(name = "pacs.mllp.max-message-size")
    int maxMessageSize;

    @Test
    void aFiftyMebibyteMessageIsRefusedWithArWithoutBeingKeptWhileAnotherSenderIsServed() throws Exception {
        String accession = "BIG" + System.nanoTime();
        byte[] head = Hl7Reports.chestOru(accession, "CTL" + accession, "F", 0, "start")
                .getBytes(StandardCharsets.UTF_8);
        // the first message loads HAPI and opens the Kafka producer: not part of what the attack costs
        assertEquals("AA", MllpClient.ackCode(sendWellBehaved("WARM")));
        long heapBefore = usedHeapAfterGc();
        try (LogLines log = new LogLines(); Socket attacker = new Socket("127.0.0.1", port)) {
            attacker.setSoTimeout(60_000);
            OutputStream out = attacker.getOutputStream();
            out.write(0x0b);
            out.write(head);
            out.write("OBX|2|TX|REPORT^Report||".getBytes(StandardCharsets.US_ASCII));
            byte[] filler = new byte[MIB];
            Arrays.fill(filler, (byte) 'A');
            for (int i = 0; i < 25; i++) {
                out.write(filler);
            }
            // half way through the attack, another sender is answered as usual
            assertEquals("AA", MllpClient.ackCode(sendWellBehaved("OK1")));
            for (int i = 0; i < 25; i++) {
                out.write(filler);
            }
            out.write(new byte[] {'\r', 0x1c, 0x0d});
            out.flush();

            String ack = readAck(attacker.getInputStream());
            assertEquals("AR", MllpClient.ackCode(ack), ack);
            assertTrue(ack.contains("MSA|AR|CTL" + accession), ack);
            assertTrue(ack.contains("larger than " + maxMessageSize + " bytes"), ack);
            assertTrue(log.contains("larger than " + maxMessageSize + " bytes"), log.toString());
            assertFalse(log.toString().contains("TESTPATIENT"), "no patient data in the log: " + log);

            // measured while the attacker's connection (and whatever it holds) is still open
            long grown = usedHeapAfterGc() - heapBefore;
            System.out.printf("MllpBoundsTest: heap grew by %.1f MiB while the 50 MiB sender is connected%n",
                    grown / (double) MIB);
            // camel-mllp keeps its buffer and its copy of the last message per connection: about twice the limit
            assertTrue(grown < 12L * MIB, "heap grew by " + grown / MIB + " MiB for a 50 MiB message");

            // the connection stays usable for the next (well-behaved) message
            attacker.getOutputStream().write(frame(Hl7Reports.chestOru(accession + "B", "CTL" + accession + "B", "F", 1,
                    "No focal consolidation.")));
            assertEquals("AA", MllpClient.ackCode(readAck(attacker.getInputStream())));
        }
    }

    @Test
    void aSenderTricklingOneBytePerSecondIsCutOffAfterTheFrameTimeoutWhileAnotherIsServed() throws Exception {
        byte[] message = frame(Hl7Reports.chestOru("SLOW1", "CTLSLOW1", "F", 0, "Normal chest."));
        try (LogLines log = new LogLines(); Socket slow = new Socket("127.0.0.1", port)) {
            InputStream in = slow.getInputStream();
            CompletableFuture<Long> cutAt = CompletableFuture.supplyAsync(() -> {
                try {
                    slow.setSoTimeout(20_000);
                    int b = in.read();
                    return b < 0 ? System.nanoTime() : -1L;
                } catch (IOException reset) {
                    return System.nanoTime();
                }
            });
            long start = System.nanoTime();
            OutputStream out = slow.getOutputStream();
            int sent = 0;
            while (!cutAt.isDone() && sent < 15 && sent < message.length) {
                try {
                    out.write(message[sent++]);
                    out.flush();
                } catch (IOException reset) {
                    break;
                }
                if (sent == 2) {
                    assertEquals("AA", MllpClient.ackCode(sendWellBehaved("OK2")));
                }
                TimeUnit.MILLISECONDS.sleep(1000);
            }
            long cut = cutAt.get(20, TimeUnit.SECONDS);
            assertTrue(cut > 0, "the connection was not closed");
            long millis = TimeUnit.NANOSECONDS.toMillis(cut - start);
            assertTrue(millis >= FRAME_TIMEOUT_MILLIS - 200 && millis < FRAME_TIMEOUT_MILLIS + 3_000,
                    "cut off after " + millis + " ms");
            assertTrue(log.contains("not complete 4 s after its first byte"), log.toString());
            assertFalse(log.toString().contains("RIS|HOSP"), "no message content in the log: " + log);
        }
    }

    @Test
    void aPeerOutsideTheAllowListIsClosedWithoutAnAnswer() throws Exception {
        try (LogLines log = new LogLines(); Socket outsider = new Socket()) {
            outsider.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            outsider.connect(new InetSocketAddress("127.0.0.1", port));
            outsider.setSoTimeout(10_000);
            int answer;
            try {
                outsider.getOutputStream().write(frame(Hl7Reports.chestOru("OUT1", "CTLOUT1", "F", 0, "Normal.")));
                answer = outsider.getInputStream().read();
            } catch (IOException reset) {
                answer = -1;
            }
            assertEquals(-1, answer, "a refused peer gets no answer, only a closed connection");
            assertTrue(log.contains("MLLP connection from 127.0.0.2"), log.toString());
        }
        assertEquals("AA", MllpClient.ackCode(sendWellBehaved("OK3")));
    }

    private String sendWellBehaved(String id) throws IOException {
        String accession = id + System.nanoTime();
        try (MllpClient client = new MllpClient("127.0.0.1", port, StandardCharsets.UTF_8)) {
            return client.send(Hl7Reports.chestOru(accession, "CTL" + accession, "F", 0, "No focal consolidation."));
        }
    }

    private static byte[] frame(String message) {
        byte[] payload = message.getBytes(StandardCharsets.UTF_8);
        byte[] framed = new byte[payload.length + 3];
        framed[0] = 0x0b;
        System.arraycopy(payload, 0, framed, 1, payload.length);
        framed[framed.length - 2] = 0x1c;
        framed[framed.length - 1] = 0x0d;
        return framed;
    }

    private static String readAck(InputStream in) throws IOException {
        StringBuilder ack = new StringBuilder();
        int b;
        while ((b = in.read()) != 0x0b) {
            if (b < 0) {
                throw new IOException("closed before an acknowledgement");
            }
        }
        while ((b = in.read()) != 0x1c) {
            if (b < 0) {
                throw new IOException("closed inside an acknowledgement");
            }
            ack.append((char) b);
        }
        in.read();
        return ack.toString();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Log lines of the MLLP listener and the report intake, formatted. */
    static final class LogLines extends java.util.logging.Handler implements AutoCloseable {
        private final List<java.util.logging.Logger> loggers = List.of(
                java.util.logging.Logger.getLogger("org.pacsbridge"),
                java.util.logging.Logger.getLogger("org.apache.camel.component.mllp"));
        private final StringBuffer lines = new StringBuffer();

        LogLines() {
            loggers.forEach(l -> l.addHandler(this));
        }

        @Override
        public void publish(java.util.logging.LogRecord record) {
            String text = record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage()
                    : record.getMessage();
            lines.append(record.getLevel()).append(' ').append(text).append('\n');
        }

        boolean contains(String text) {
            return lines.indexOf(text) >= 0;
        }

        @Override
        public String toString() {
            return lines.toString();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            loggers.forEach(l -> l.removeHandler(this));
        }
    }
}
