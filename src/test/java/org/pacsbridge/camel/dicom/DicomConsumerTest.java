package org.pacsbridge.camel.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.dicom.UID;
import org.pacsbridge.dicom.net.Association;
import org.pacsbridge.dicom.net.CapturedLog;
import org.pacsbridge.dicom.net.DicomClientConfig;
import org.pacsbridge.dicom.net.DimseStatus;
import org.pacsbridge.dicom.net.PresentationContextRequest;
import org.pacsbridge.testing.DicomFiles;

/** The Storage SCP side of {@code dicom:} and its spool, with the node's own SCU as the sender. */
class DicomConsumerTest {

    @TempDir
    Path tmp;

    private CamelContext camel;
    private final List<Exchange> received = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
    }

    @Test
    void answersSuccessOnlyForADurableObjectAndHandsItToTheRoute() throws Exception {
        start("", exchange -> keep(exchange));
        Path file = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "ACC1", 32, 32);

        assertEquals(DimseStatus.SUCCESS, store(file));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        Exchange exchange = received.get(0);
        String uid = uid(file);
        assertEquals(uid, exchange.getMessage().getHeader(DicomConstants.SOP_INSTANCE_UID));
        assertEquals("ACC1", exchange.getMessage().getHeader(DicomConstants.ACCESSION_NUMBER));
        assertEquals(List.of("ORIGINAL", "PRIMARY"), exchange.getMessage().getHeader(DicomConstants.IMAGE_TYPE));
        assertEquals("FOR PRESENTATION", exchange.getMessage().getHeader(DicomConstants.PRESENTATION_INTENT_TYPE));
        assertEquals("SCU", exchange.getMessage().getHeader(DicomConstants.CALLING_AE_TITLE));
        assertArrayEquals(DicomFiles.dataSet(file), bodies.get(uid));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> spooled().isEmpty());
    }

    @Test
    void withSpoolSyncNoneAWarningIsLoggedOnceAtStartAndObjectsStillFlow() throws Exception {
        try (CapturedLog log = new CapturedLog(DicomConsumer.class.getName())) {
            start("&spoolSync=NONE", exchange -> keep(exchange));
            Path file = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "ACC1", 32, 32);

            assertEquals(DimseStatus.SUCCESS, store(file));
            assertEquals(DimseStatus.SUCCESS, store(DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "ACC2", 32, 32)));

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
            assertArrayEquals(DicomFiles.dataSet(file), bodies.get(uid(file)));
            List<String> warnings = log.lines().stream().filter(l -> l.startsWith("Spool sync NONE")).toList();
            assertEquals(1, warnings.size(), log.lines().toString());
            assertTrue(warnings.get(0).contains("power loss"), warnings.get(0));
        }
    }

    @Test
    void withTheDefaultSpoolSyncNothingIsWarned() throws Exception {
        try (CapturedLog log = new CapturedLog(DicomConsumer.class.getName())) {
            start("", exchange -> keep(exchange));
            assertEquals(DimseStatus.SUCCESS, store(DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "ACC1", 32, 32)));
            assertTrue(log.lines().stream().noneMatch(l -> l.contains("Spool sync")), log.lines().toString());
        }
    }

    @Test
    void aFailedRouteKeepsTheObjectAndATheNextStartResumesIt() throws Exception {
        start("", exchange -> {
            throw new IllegalStateException("downstream unavailable");
        });
        Path file = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "ACC2", 16, 16);
        assertEquals(DimseStatus.SUCCESS, store(file));
        Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> spooled().size() == 1);
        long stopping = System.nanoTime();
        camel.stop();
        Duration stop = Duration.ofNanos(System.nanoTime() - stopping);
        assertTrue(stop.compareTo(Duration.ofSeconds(5)) < 0, "a retry waiting for its delay held the stop up " + stop);

        start("", exchange -> keep(exchange));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertEquals(uid(file), received.get(0).getMessage().getHeader(DicomConstants.SOP_INSTANCE_UID));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> spooled().isEmpty());
    }

    @Test
    void aFailedRouteIsTriedAgainAfterTheRetryDelay() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        start("&retryDelay=200ms", exchange -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IOException("first attempt fails");
            }
            keep(exchange);
        });
        assertEquals(DimseStatus.SUCCESS, store(DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "ACC3", 16, 16)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertEquals(2, attempts.get());
    }

    @Test
    void belowTheDiskWatermarkItAnswersOutOfResourcesAndKeepsNothing() throws Exception {
        start("&minFreeSpace=" + Long.MAX_VALUE, exchange -> keep(exchange));
        int status = store(DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "ACC4", 16, 16));
        assertEquals(DimseStatus.OUT_OF_RESOURCES, status);
        assertTrue(spooled().isEmpty());
        assertTrue(incoming().isEmpty());
        assertTrue(received.isEmpty());
    }

    @Test
    void anUnparseableDataSetIsRefusedAndNothingIsKept() throws Exception {
        start("", exchange -> keep(exchange));
        byte[] garbage = new byte[] {0x08, 0x00, 0x18, 0x00, 'U', 'I', (byte) 0xff, (byte) 0x7f, 1, 2, 3};
        int status;
        try (Association association = association()) {
            status = association.store(DicomFiles.CR_IMAGE_STORAGE, DicomFiles.newUid(), UID.ExplicitVRLittleEndian,
                    new ByteArrayInputStream(garbage));
            association.release();
        }
        assertEquals(DimseStatus.CANNOT_UNDERSTAND, status);
        assertTrue(spooled().isEmpty());
        assertTrue(incoming().isEmpty());
        Thread.sleep(300);
        assertTrue(received.isEmpty());
    }

    @Test
    void anAssociationDroppedMidObjectLeavesNothingBehind() throws Exception {
        start("", exchange -> keep(exchange));
        Path file = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "ACC5", 512, 512);
        byte[] dataSet = DicomFiles.dataSet(file);
        InputStream breaksHalfway = new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                if (position >= dataSet.length / 2) {
                    throw new IOException("sender lost its disk");
                }
                return dataSet[position++] & 0xff;
            }
        };
        Association association = association();
        assertThrows(IOException.class, () -> association.store(DicomFiles.CR_IMAGE_STORAGE, uid(file),
                UID.ExplicitVRLittleEndian, breaksHalfway));
        association.abort();

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> incoming().isEmpty());
        assertTrue(spooled().isEmpty());
        Thread.sleep(300);
        assertTrue(received.isEmpty());
    }

    /**
     * The parse check reads the header from the copy of the file's first bytes kept in memory; a header longer
     * than that copy is read from the file instead, and both answers are the ones the whole file gives.
     */
    @Test
    void aHeaderLongerThanTheCopyKeptInMemoryIsParsedFromTheFile() throws Exception {
        start("", exchange -> keep(exchange));
        String uid = fixedLengthUid(1);
        byte[] dataSet = concat(element(0x0008, 0x0016, "UI", uidValue(DicomFiles.CR_IMAGE_STORAGE)),
                element(0x0008, 0x0018, "UI", uidValue(uid)), element(0x0008, 0x0050, "SH", "ACC77 ".getBytes()),
                element(0x0009, 0x0010, "LO", "LONG HEADER ".getBytes()),
                element(0x0009, 0x1000, "OB", new byte[3 * SPOOL_HEAD_COPY]), element(0x7fe0, 0x0010, "OW", new byte[64]));

        assertEquals(DimseStatus.SUCCESS, storeDataSet(uid, dataSet));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertEquals("ACC77", received.get(0).getMessage().getHeader(DicomConstants.ACCESSION_NUMBER));
        assertArrayEquals(dataSet, bodies.get(uid));
    }

    /**
     * Attack on the copy kept in memory: a data set whose elements end exactly where the copy ends, followed by
     * one whose length runs past the end of the data. The copy alone parses cleanly; the file does not, and
     * the object is refused.
     */
    @Test
    void aDataSetMalformedJustPastTheCopyKeptInMemoryIsRefused() throws Exception {
        Map<String, Long> fileSizes = new ConcurrentHashMap<>();
        start("", exchange -> {
            fileSizes.put(exchange.getMessage().getHeader(DicomConstants.SOP_INSTANCE_UID, String.class),
                    exchange.getMessage().getBody(File.class).length());
            keep(exchange);
        });
        // the file meta the node writes for this SOP Class, a UID of this length and this calling AE
        byte[] probe = concat(element(0x0008, 0x0016, "UI", uidValue(DicomFiles.CR_IMAGE_STORAGE)),
                element(0x0008, 0x0018, "UI", uidValue(fixedLengthUid(2))), element(0x7fe0, 0x0010, "OW", new byte[64]));
        assertEquals(DimseStatus.SUCCESS, storeDataSet(fixedLengthUid(2), probe));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        long metaLength = fileSizes.get(fixedLengthUid(2)) - probe.length;

        String uid = fixedLengthUid(3);
        byte[] before = concat(element(0x0008, 0x0016, "UI", uidValue(DicomFiles.CR_IMAGE_STORAGE)),
                element(0x0008, 0x0018, "UI", uidValue(uid)), element(0x0009, 0x0010, "LO", "LONG HEADER ".getBytes()));
        int filler = (int) (SPOOL_HEAD_COPY - metaLength - before.length - 12);
        // Patient ID (0010,0020) LO, length 0x7fff, two bytes of it
        byte[] overrun = {0x10, 0x00, 0x20, 0x00, 'L', 'O', (byte) 0xff, (byte) 0x7f, 'A', 'C'};
        byte[] dataSet = concat(before, element(0x0009, 0x1000, "OB", new byte[filler]), overrun);
        assertEquals(SPOOL_HEAD_COPY, metaLength + dataSet.length - overrun.length, "the copy ends before the overrun");

        assertEquals(DimseStatus.CANNOT_UNDERSTAND, storeDataSet(uid, dataSet));
        assertTrue(incoming().isEmpty());
        Thread.sleep(300);
        assertEquals(1, received.size(), "only the probe went through");
    }

    /** SpoolWriter.HEAD_COPY, which is not visible from here. */
    private static final int SPOOL_HEAD_COPY = 64 * 1024;

    private int storeDataSet(String uid, byte[] dataSet) throws IOException {
        try (Association association = association()) {
            int status = association.store(DicomFiles.CR_IMAGE_STORAGE, uid, UID.ExplicitVRLittleEndian,
                    new ByteArrayInputStream(dataSet));
            association.release();
            return status;
        }
    }

    private static String fixedLengthUid(int n) {
        return "2.25.9" + String.format("%019d", n);
    }

    private static byte[] uidValue(String uid) {
        byte[] ascii = uid.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return ascii.length % 2 == 0 ? ascii : java.util.Arrays.copyOf(ascii, ascii.length + 1);
    }

    /** One element in explicit VR little endian. */
    private static byte[] element(int group, int elementNumber, String vr, byte[] value) {
        boolean longForm = vr.equals("OB") || vr.equals("OW") || vr.equals("SQ") || vr.equals("UN") || vr.equals("UT");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((longForm ? 12 : 8) + value.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) group).putShort((short) elementNumber).put(vr.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        if (longForm) {
            b.putShort((short) 0).putInt(value.length);
        } else {
            b.putShort((short) value.length);
        }
        return b.put(value).array();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    @Test
    void moreWaitingObjectsThanAnyInMemoryQueueHoldsAreAllAcknowledgedAndProcessed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger processed = new AtomicInteger();
        start("&concurrentConsumers=1", exchange -> {
            release.await(60, TimeUnit.SECONDS);
            processed.incrementAndGet();
        });
        int count = 1200;
        try (Association association = association()) {
            for (int i = 0; i < count; i++) {
                Path file = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "Q" + i, 2, 2);
                assertEquals(DimseStatus.SUCCESS, association.store(file), "object " + i);
                Files.delete(file);
            }
            association.release();
        }
        release.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> processed.get() == count);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> spooled().isEmpty());
    }

    @Test
    void withIgnoreADuplicateWaitingInTheSpoolIsProcessedOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger processed = new AtomicInteger();
        start("&duplicatePolicy=IGNORE&concurrentConsumers=1", exchange -> {
            release.await(10, TimeUnit.SECONDS);
            processed.incrementAndGet();
        });
        // the first object occupies the only worker, so the duplicates wait in the spool
        assertEquals(DimseStatus.SUCCESS, store(DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "ACC6", 8, 8)));
        Path file = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "ACC7", 8, 8);
        assertEquals(DimseStatus.SUCCESS, store(file));
        assertEquals(DimseStatus.SUCCESS, store(file));
        release.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> spooled().isEmpty());
        Thread.sleep(300);
        assertEquals(2, processed.get());
    }

    @Test
    void withReplaceTheNewerCopyIsTheOneProcessed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        start("&concurrentConsumers=1", exchange -> {
            release.await(10, TimeUnit.SECONDS);
            keep(exchange);
        });
        assertEquals(DimseStatus.SUCCESS, store(DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "BLOCKER", 8, 8)));
        String uid = DicomFiles.newUid();
        Path first = DicomFiles.chestRadiograph(Files.createDirectories(tmp.resolve("a")), uid, "OLD", 8, 8);
        Path second = DicomFiles.chestRadiograph(Files.createDirectories(tmp.resolve("b")), uid, "NEW", 8, 8);
        assertEquals(DimseStatus.SUCCESS, store(first));
        assertEquals(DimseStatus.SUCCESS, store(second));
        release.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> spooled().isEmpty());
        assertArrayEquals(DicomFiles.dataSet(second), bodies.get(uid));
    }

    private void keep(Exchange exchange) throws IOException {
        received.add(exchange.copy());
        File body = exchange.getMessage().getBody(File.class);
        bodies.put(exchange.getMessage().getHeader(DicomConstants.SOP_INSTANCE_UID, String.class),
                DicomFiles.dataSet(body.toPath()));
    }

    private void start(String options, Processor processor) throws Exception {
        received.clear();
        bodies.clear();
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("dicom:NODE@127.0.0.1:0?spoolDir=" + tmp.resolve("spool") + options)
                        .routeId("scp")
                        .process(processor);
            }
        });
        camel.start();
    }

    private int port() {
        return ((DicomConsumer) camel.getRoute("scp").getConsumer()).getLocalPort();
    }

    private Association association() throws IOException {
        return Association.open(DicomClientConfig.builder().callingAeTitle("SCU").calledAeTitle("NODE")
                .host("127.0.0.1").port(port()).build(),
                List.of(new PresentationContextRequest(DicomFiles.CR_IMAGE_STORAGE, List.of(UID.ExplicitVRLittleEndian))));
    }

    private int store(Path file) throws IOException {
        try (Association association = association()) {
            int status = association.store(file);
            association.release();
            return status;
        }
    }

    private static String uid(Path file) {
        return file.getFileName().toString().replace(".dcm", "");
    }

    private List<Path> spooled() throws IOException {
        return list(tmp.resolve("spool/objects"));
    }

    private List<Path> incoming() throws IOException {
        return list(tmp.resolve("spool/incoming"));
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".dcm") || p.getFileName().toString().endsWith(".part"))
                    .toList();
        }
    }
}
