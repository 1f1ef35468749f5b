package org.pacsbridge.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a multipart body (RFC 2046) as a stream, one part after the other: each part's body is an input stream
 * that ends at the next delimiter, so no part is ever held whole in memory. Memory use is one buffer. A part
 * longer than {@code maxPartSize} fails with {@link PartTooLargeException} as soon as its bytes pass the limit;
 * a body that ends before the close delimiter, or a part whose headers are malformed, fails with
 * {@link MalformedMultipartException}. The preamble and the epilogue are ignored.
 */
final class MultipartRelatedReader {

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_LINE = 8 * 1024;
    private static final int MAX_HEADER_LINES = 64;
    private static final int MAX_EPILOGUE = 64 * 1024;

    /** One part: its headers (names in lower case) and its body, readable until the next delimiter. */
    record Part(Map<String, String> headers, InputStream body) {
        /** The part's Content-Type, or null when it has none. */
        String contentType() {
            return headers.get("content-type");
        }
    }

    private final InputStream in;
    private final byte[] delimiter;
    private final long maxPartSize;
    private final byte[] buf;
    private int pos;
    private int lim;
    private boolean eof;
    /** The current part's body reached its delimiter. */
    private boolean atDelimiter;
    private boolean closed;
    private PartBody current;

    /**
     * Longest boundary taken. RFC 2046 allows 70 characters, but senders exceed it (Orthanc's DICOMweb plugin
     * joins two UUIDs into 73).
     */
    static final int MAX_BOUNDARY = 200;

    /**
     * @param boundary the boundary parameter of the body's Content-Type (unquoted)
     */
    MultipartRelatedReader(InputStream in, String boundary, long maxPartSize) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY) {
            throw new IllegalArgumentException("a boundary has 1 to " + MAX_BOUNDARY + " characters");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.maxPartSize = maxPartSize;
        this.buf = new byte[BUFFER + delimiter.length];
        // the first delimiter may open the body, without the CRLF that precedes every other one
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
    }

    /** The next part, or null after the close delimiter. The previous part's unread bytes are skipped. */
    Part next() throws IOException {
        if (closed) {
            return null;
        }
        if (current == null) {
            skipBody(); // the preamble
        } else {
            current.skipRest();
        }
        atDelimiter = false;
        if (!fill(2)) {
            throw new MalformedMultipartException("body ends right after a delimiter");
        }
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            closed = true;
            current = null;
            skipEpilogue();
            return null;
        }
        String padding = readLine();
        if (!padding.isBlank()) {
            throw new MalformedMultipartException("text after a delimiter");
        }
        Map<String, String> headers = readHeaders();
        current = new PartBody();
        return new Part(headers, current);
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (int lines = 0; ; lines++) {
            if (lines > MAX_HEADER_LINES) {
                throw new MalformedMultipartException("more than " + MAX_HEADER_LINES + " header lines in a part");
            }
            String line = readLine();
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedMultipartException("malformed header line in a part");
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
    }

    /** A line up to CRLF (or a bare LF), without it. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            if (!fill(1)) {
                throw new MalformedMultipartException("body ends inside the headers of a part");
            }
            byte b = buf[pos++];
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_HEADER_LINE) {
                throw new MalformedMultipartException("header line in a part longer than " + MAX_HEADER_LINE);
            }
            line.append((char) (b & 0xff));
        }
    }

    /**
     * Up to {@code len} bytes of the current body; -1 once its delimiter is reached (then consumed).
     * A body without a following delimiter is malformed.
     */
    private int readBody(byte[] out, int off, int len) throws IOException {
        if (atDelimiter) {
            return -1;
        }
        fill(delimiter.length);
        int found = indexOfDelimiter();
        int available;
        if (found == pos) {
            pos += delimiter.length;
            atDelimiter = true;
            return -1;
        } else if (found >= 0) {
            available = found - pos;
        } else if (eof) {
            throw new MalformedMultipartException("body ends without its close delimiter");
        } else {
            // the last bytes may be the start of a delimiter split across reads
            available = lim - pos - (delimiter.length - 1);
        }
        int n = Math.min(len, available);
        System.arraycopy(buf, pos, out, off, n);
        pos += n;
        return n;
    }

    private void skipBody() throws IOException {
        byte[] skip = new byte[8192];
        while (readBody(skip, 0, skip.length) >= 0) {
            // discarded
        }
    }

    /** Reads a little of what follows the close delimiter, so a client that sent it is not cut off. */
    private void skipEpilogue() throws IOException {
        long skipped = lim - pos;
        pos = lim;
        byte[] skip = new byte[8192];
        int n;
        while (skipped < MAX_EPILOGUE && (n = in.read(skip)) >= 0) {
            skipped += n;
        }
    }

    /** Index of the delimiter in {@code buf[pos, lim)}, or -1. */
    private int indexOfDelimiter() {
        int last = lim - delimiter.length;
        outer:
        for (int i = pos; i <= last; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Reads until at least {@code wanted} bytes are buffered or the input ends; whether they are. */
    private boolean fill(int wanted) throws IOException {
        if (lim - pos >= wanted) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim < wanted || (lim < buf.length && in.available() > 0)) {
            if (eof) {
                return false;
            }
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                eof = true;
                return lim - pos >= wanted;
            }
            lim += n;
        }
        return true;
    }

    /** The body of the current part. */
    private final class PartBody extends InputStream {
        private long read;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (current != this) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = readBody(b, off, len);
            if (n > 0) {
                read += n;
                if (read > maxPartSize) {
                    throw new PartTooLargeException(maxPartSize);
                }
            }
            return n;
        }

        void skipRest() throws IOException {
            byte[] skip = new byte[8192];
            while (read(skip, 0, skip.length) >= 0) {
                // discarded, but still counted against the part's limit
            }
        }
    }

    /** A part is longer than the limit. */
    static final class PartTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        PartTooLargeException(long limit) {
            super("a part is larger than " + limit + " bytes");
        }
    }

    /** The body is not a well-formed multipart body. */
    static final class MalformedMultipartException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedMultipartException(String message) {
            super(message);
        }
    }
}
