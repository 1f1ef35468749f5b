package org.pacsbridge.xraydar;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The {@code multipart/form-data} body X-Raydar expects: a {@code key} field, then a {@code file}
 * part with the original file name and content type. The file is streamed from disk between a
 * small preamble and the closing boundary, so its size never matters for memory.
 */
final class MultipartUpload {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary;
    private final byte[] preamble;
    private final byte[] closing;
    private final Path file;

    MultipartUpload(String key, Path file, String fileName, String contentType) {
        this(newBoundary(), key, file, fileName, contentType);
    }

    MultipartUpload(String boundary, String key, Path file, String fileName, String contentType) {
        if (contentType.indexOf('\r') >= 0 || contentType.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("content type must be a single line");
        }
        this.boundary = boundary;
        this.file = file;
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"key\"\r\n"
                + "\r\n"
                + key + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + quoteFileName(fileName) + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "\r\n";
        this.preamble = head.getBytes(StandardCharsets.UTF_8);
        this.closing = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The request's {@code Content-Type} header value. */
    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** A fresh publisher (one per attempt); its content length is known, so no chunked encoding. */
    BodyPublisher publisher() throws FileNotFoundException {
        return BodyPublishers.concat(
                BodyPublishers.ofByteArray(preamble),
                BodyPublishers.ofFile(file),
                BodyPublishers.ofByteArray(closing));
    }

    /**
     * Escapes a file name for the quoted {@code filename} parameter the way browsers do
     * (WHATWG/HTML form submission): {@code "}, CR and LF percent-encoded; other characters sent as UTF-8.
     */
    static String quoteFileName(String fileName) {
        StringBuilder out = new StringBuilder(fileName.length());
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            switch (c) {
                case '"' -> out.append("%22");
                case '\r' -> out.append("%0D");
                case '\n' -> out.append("%0A");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String newBoundary() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "PacsBridge-" + HexFormat.of().formatHex(bytes);
    }
}
