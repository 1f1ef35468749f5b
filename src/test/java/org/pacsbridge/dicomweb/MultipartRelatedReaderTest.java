package org.pacsbridge.dicomweb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MultipartRelatedReaderTest {

    private static final String BOUNDARY = "b0undary-42";

    @Test
    void readsEveryPartWhateverSizeTheReadsHave() throws IOException {
        byte[] first = randomBytes(200_000, 1);
        byte[] second = randomBytes(70_000, 2);
        byte[] body = body("", "", part("application/dicom", first), part("application/dicom", second));
        for (int chunk : new int[] {1, 2, 3, 7, 13, 64 * 1024 + 5}) {
            List<byte[]> parts = readAll(new Dribble(new ByteArrayInputStream(body), chunk), Long.MAX_VALUE);
            assertEquals(2, parts.size(), "chunk " + chunk);
            assertArrayEquals(first, parts.get(0), "chunk " + chunk);
            assertArrayEquals(second, parts.get(1), "chunk " + chunk);
        }
    }

    @Test
    void aBodyThatLooksLikeTheStartOfTheDelimiterIsKept() throws IOException {
        byte[] tricky = ("x\r\n--b0undary-4\r\n-" + "\r\n--b0undary").getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = body("", "", part("application/dicom", tricky));
        for (int chunk : new int[] {1, 5, 1000}) {
            List<byte[]> parts = readAll(new Dribble(new ByteArrayInputStream(body), chunk), Long.MAX_VALUE);
            assertEquals(1, parts.size());
            assertArrayEquals(tricky, parts.get(0));
        }
    }

    @Test
    void ignoresPreambleAndEpilogue() throws IOException {
        byte[] content = randomBytes(1000, 3);
        byte[] body = body("This is a preamble\r\nwith lines\r\n", "and an epilogue\r\n--" + BOUNDARY + "\r\n",
                part("application/dicom", content));
        List<byte[]> parts = readAll(new ByteArrayInputStream(body), Long.MAX_VALUE);
        assertEquals(1, parts.size());
        assertArrayEquals(content, parts.get(0));
    }

    @Test
    void aPartWithoutContentTypeHasNone() throws IOException {
        byte[] body = body("", "", part(null, new byte[] {1, 2, 3}));
        MultipartRelatedReader reader = new MultipartRelatedReader(new ByteArrayInputStream(body), BOUNDARY, 100);
        MultipartRelatedReader.Part part = reader.next();
        assertNull(part.contentType());
        assertArrayEquals(new byte[] {1, 2, 3}, part.body().readAllBytes());
        assertNull(reader.next());
    }

    @Test
    void aMissingCloseDelimiterIsMalformed() {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\nabcdef")
                .getBytes(StandardCharsets.ISO_8859_1);
        MultipartRelatedReader reader = new MultipartRelatedReader(new ByteArrayInputStream(body), BOUNDARY, 1000);
        assertThrows(MultipartRelatedReader.MalformedMultipartException.class, () -> reader.next().body().readAllBytes());
    }

    @Test
    void aBodyWithoutAnyDelimiterIsMalformed() {
        byte[] body = "just some text".getBytes(StandardCharsets.ISO_8859_1);
        MultipartRelatedReader reader = new MultipartRelatedReader(new ByteArrayInputStream(body), BOUNDARY, 1000);
        assertThrows(MultipartRelatedReader.MalformedMultipartException.class, reader::next);
    }

    @Test
    void aPartLargerThanTheLimitFailsAsItStreams() {
        byte[] body = body("", "", part("application/dicom", randomBytes(10_000, 4)));
        var counted = new Dribble(new ByteArrayInputStream(body), 100);
        MultipartRelatedReader reader = new MultipartRelatedReader(counted, BOUNDARY, 5000);
        assertThrows(MultipartRelatedReader.PartTooLargeException.class, () -> reader.next().body().readAllBytes());
        // failed while the part was read, long before the body's end
        assertEquals(true, counted.delivered < 5000 + 64 * 1024 + 100);
    }

    @Test
    void aSkippedPartStillCountsAgainstTheLimit() throws IOException {
        byte[] body = body("", "", part("application/dicom", randomBytes(10_000, 5)), part(null, new byte[] {9}));
        MultipartRelatedReader reader = new MultipartRelatedReader(new ByteArrayInputStream(body), BOUNDARY, 5000);
        reader.next(); // not read
        assertThrows(MultipartRelatedReader.PartTooLargeException.class, reader::next);
    }

    @Test
    void headersAreReadCaseInsensitively() throws IOException {
        byte[] body = ("--" + BOUNDARY + "\r\nCONTENT-TYPE:application/dicom\r\nContent-ID: <1>\r\n\r\nx\r\n--"
                + BOUNDARY + "--").getBytes(StandardCharsets.ISO_8859_1);
        MultipartRelatedReader reader = new MultipartRelatedReader(new ByteArrayInputStream(body), BOUNDARY, 100);
        MultipartRelatedReader.Part part = reader.next();
        assertEquals("application/dicom", part.contentType());
        assertEquals("<1>", part.headers().get("content-id"));
        assertArrayEquals(new byte[] {'x'}, part.body().readAllBytes());
        assertNull(reader.next());
    }

    @Test
    void aHeaderLineWithoutColonIsMalformed() {
        byte[] body = ("--" + BOUNDARY + "\r\nnonsense\r\n\r\nx\r\n--" + BOUNDARY + "--")
                .getBytes(StandardCharsets.ISO_8859_1);
        MultipartRelatedReader reader = new MultipartRelatedReader(new ByteArrayInputStream(body), BOUNDARY, 100);
        assertThrows(MultipartRelatedReader.MalformedMultipartException.class, reader::next);
    }

    @Test
    void theBoundaryParameterMayBeQuoted() {
        ContentType quoted = ContentType.parse("Multipart/Related; type=\"application/dicom\"; boundary=\"a b;c\\\"d\"");
        assertEquals("multipart/related", quoted.mediaType());
        assertEquals("application/dicom", quoted.parameter("type"));
        assertEquals("a b;c\"d", quoted.parameter("boundary"));
        ContentType plain = ContentType.parse("multipart/related;boundary=xyz ; TYPE=application/dicom");
        assertEquals("xyz", plain.parameter("boundary"));
        assertEquals("application/dicom", plain.parameter("type"));
        assertNull(ContentType.parse("multipart/related; boundary=\"unterminated"));
        assertNull(ContentType.parse("not a media type"));
        assertNull(ContentType.parse(null));
    }

    @Test
    void aQuotedBoundaryWithSpacesDelimitsParts() throws IOException {
        String boundary = ContentType.parse("multipart/related; boundary=\"with space\"").parameter("boundary");
        byte[] body = ("--with space\r\n\r\nabc\r\n--with space--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        MultipartRelatedReader reader = new MultipartRelatedReader(new ByteArrayInputStream(body), boundary, 100);
        assertArrayEquals("abc".getBytes(StandardCharsets.ISO_8859_1), reader.next().body().readAllBytes());
        assertNull(reader.next());
    }

    @Test
    void takesABoundaryLongerThanRfc2046AllowsAsOrthancSendsIt() throws IOException {
        String boundary = java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID();
        assertEquals(73, boundary.length());
        byte[] body = ("--" + boundary + "\r\n\r\nabc\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        MultipartRelatedReader reader = new MultipartRelatedReader(new ByteArrayInputStream(body), boundary, 100);
        assertArrayEquals("abc".getBytes(StandardCharsets.ISO_8859_1), reader.next().body().readAllBytes());
        assertNull(reader.next());
    }

    private static List<byte[]> readAll(InputStream in, long maxPart) throws IOException {
        MultipartRelatedReader reader = new MultipartRelatedReader(in, BOUNDARY, maxPart);
        List<byte[]> parts = new ArrayList<>();
        for (MultipartRelatedReader.Part part = reader.next(); part != null; part = reader.next()) {
            parts.add(part.body().readAllBytes());
        }
        return parts;
    }

    private static byte[] part(String contentType, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        if (contentType != null) {
            out.writeBytes(("Content-Type: " + contentType + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static byte[] body(String preamble, String epilogue, byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(preamble.getBytes(StandardCharsets.ISO_8859_1));
        if (!preamble.isEmpty()) {
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n" + epilogue).getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Hands out at most {@code chunk} bytes per read, and reports nothing available, as a slow network does. */
    private static final class Dribble extends FilterInputStream {
        private final int chunk;
        long delivered;

        Dribble(InputStream in, int chunk) {
            super(in);
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, Math.min(len, chunk));
            if (n > 0) {
                delivered += n;
            }
            return n;
        }

        @Override
        public int available() {
            return 0;
        }
    }
}
