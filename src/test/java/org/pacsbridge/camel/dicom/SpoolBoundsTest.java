package org.pacsbridge.camel.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.dicom.UID;
import org.pacsbridge.dicom.net.CapturedLog;
import org.pacsbridge.dicom.net.internal.AssociateParams;
import org.pacsbridge.dicom.net.internal.CommandSet;
import org.pacsbridge.dicom.net.internal.Pdu;
import org.pacsbridge.dicom.net.internal.PresentationContext;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.TmpfsSpoolResource;

/**
 * The spool under objects that must not be kept: a data set that never ends (cut off at
 * maxObjectSize) and an object during which the disk falls below the free-space watermark (A700),
 * on a real tmpfs. Neither may leave a partial file.
 */
class SpoolBoundsTest {

    private static final TmpfsSpoolResource TMPFS = new TmpfsSpoolResource();
    private static Path tmpfsSpool;

    @TempDir
    Path tmp;

    private CamelContext camel;
    private Path spoolDir;

    @BeforeAll
    static void mountTmpfs() {
        String dir = TMPFS.start().get("pacs.spool.dir");
        tmpfsSpool = dir == null ? null : Path.of(dir);
    }

    @AfterAll
    static void unmountTmpfs() {
        TMPFS.stop();
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
    }

    @Test
    void anEndlessDataSetIsAbortedAtTheMaximumObjectSizeAndLeavesNothingInTheSpool() throws Exception {
        start(tmp.resolve("spool"), "&maxObjectSize=4194304");
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(associateRq());
            assertEquals(Pdu.A_ASSOCIATE_AC, readPdu(in));
            out.write(pdata(0x03, new CommandSet()
                    .putUID(CommandSet.AFFECTED_SOP_CLASS_UID, DicomFiles.CR_IMAGE_STORAGE)
                    .putUS(CommandSet.COMMAND_FIELD, CommandSet.C_STORE_RQ)
                    .putUS(CommandSet.MESSAGE_ID, 1)
                    .putUS(CommandSet.PRIORITY, 0)
                    .putUS(CommandSet.DATA_SET_TYPE, 0)
                    .putUID(CommandSet.AFFECTED_SOP_INSTANCE_UID, DicomFiles.newUid())
                    .encode()));
            byte[] chunk = pdata(0x00, new byte[32 * 1024]); // data, never the last fragment
            CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
                try {
                    while (true) {
                        out.write(chunk);
                    }
                } catch (IOException cutOff) {
                    // expected
                }
            });
            assertEquals(Pdu.A_ABORT, readPdu(in), "A-ABORT once the data set passes maxObjectSize");
            socket.close();
            flood.join();
        }
        assertTrue(waitUntilEmpty(spoolDir.resolve("incoming")), "no partial file left: " + list(spoolDir.resolve("incoming")));
        assertEquals(List.of(), list(spoolDir.resolve("objects")));
    }

    @Test
    void freeSpaceFallingBelowTheWatermarkDuringAnObjectIsRefusedWithA700AndNoPartialFile() throws Exception {
        assumeTrue(tmpfsSpool != null, TmpfsSpoolResource.whyNotMounted());
        assumeTrue(Dcmtk.available(), "dcmtk not installed");
        start(tmpfsSpool, "&minFreeSpace=" + TmpfsSpoolResource.WATERMARK);
        Path image = DicomFiles.image(tmp, DicomFiles.DX_CHEST, DicomFiles.newUid(), "BIG1", 2000, 3000, 16); // 12 MB
        Path filler = TmpfsSpoolResource.mountPoint().resolve("filler");
        try (CapturedLog log = new CapturedLog("org.pacsbridge")) {
            // 8 MiB above the watermark when the object starts: the check at its start passes
            long usable = Files.getFileStore(tmpfsSpool).getUsableSpace();
            fill(filler, usable - TmpfsSpoolResource.WATERMARK - (8L << 20));

            Dcmtk.Result refused = Dcmtk.storescu("NODE", port(), List.of("-v"), image);
            String status = Dcmtk.storeStatuses(refused.output(), 1).get(0);
            assertTrue(status.contains("OutOfResources"), "A700, not " + status + "\n" + refused.output());
            assertTrue(waitUntilEmpty(spoolDir.resolve("incoming")), "no partial file: " + list(spoolDir.resolve("incoming")));
            assertEquals(List.of(), list(spoolDir.resolve("objects")));
            assertTrue(log.lines().stream().anyMatch(l -> l.contains("fell below its free-space watermark")), log.lines().toString());

            Files.delete(filler);
            Dcmtk.Result taken = Dcmtk.storescu("NODE", port(), List.of("-v"), image);
            assertEquals(List.of("Success"), Dcmtk.storeStatuses(taken.output(), 1), taken.output());
        } finally {
            Files.deleteIfExists(filler);
        }
    }

    private void start(Path spool, String options) throws Exception {
        spoolDir = spool;
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("dicom:NODE@127.0.0.1:0?spoolDir=" + spool + options).routeId("scp").log("stored");
            }
        });
        camel.start();
    }

    private int port() {
        return ((DicomConsumer) camel.getRoute("scp").getConsumer()).getLocalPort();
    }

    private static byte[] associateRq() {
        AssociateParams rq = new AssociateParams();
        rq.callingAe = "ENDLESS";
        rq.calledAe = "NODE";
        rq.maxPduLength = 65536;
        rq.implementationClassUid = "1.2.3.4";
        rq.contexts.add(new PresentationContext(1, DicomFiles.CR_IMAGE_STORAGE, List.of(UID.ExplicitVRLittleEndian)));
        return Pdu.encodeAssociate(rq, false);
    }

    /** One P-DATA-TF PDU with one PDV on presentation context 1. */
    private static byte[] pdata(int control, byte[] data) {
        byte[] b = new byte[12 + data.length];
        b[0] = Pdu.P_DATA_TF;
        Pdu.putU32(b, 2, 6 + data.length);
        Pdu.putU32(b, 6, 2 + data.length);
        b[10] = 1;
        b[11] = (byte) control;
        System.arraycopy(data, 0, b, 12, data.length);
        return b;
    }

    /** @return the type of the next PDU, its body skipped */
    private static int readPdu(DataInputStream in) throws IOException {
        int type = in.read();
        in.readByte();
        in.skipNBytes(in.readInt());
        return type;
    }

    private static void fill(Path file, long bytes) throws IOException {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        }
    }

    private static boolean waitUntilEmpty(Path dir) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < end) {
            if (list(dir).isEmpty()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
