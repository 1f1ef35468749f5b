package org.pacsbridge.camel.dicom;

/**
 * The {@code AET@host:port} part of a {@code dicom:} URI. The AE title is the one the SCP answers
 * to, or the one the SCU calls; an IPv6 host is written in brackets.
 */
public record DicomAddress(String aeTitle, String host, int port) {

    public DicomAddress {
        if (aeTitle.isBlank() || aeTitle.length() > 16 || aeTitle.chars().anyMatch(c -> c < 0x20 || c > 0x7e || c == '\\')) {
            throw new IllegalArgumentException("AE title must be 1 to 16 printable ASCII characters without '\\': '" + aeTitle + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static DicomAddress parse(String remaining) {
        String text = remaining.startsWith("//") ? remaining.substring(2) : remaining;
        int at = text.lastIndexOf('@');
        int colon = text.lastIndexOf(':');
        if (at <= 0 || colon < at) {
            throw new IllegalArgumentException("Expected dicom:AET@host:port, got dicom:" + remaining);
        }
        String host = text.substring(at + 1, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("Missing host in dicom:" + remaining);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Port is not a number in dicom:" + remaining, e);
        }
        return new DicomAddress(text.substring(0, at), host, port);
    }

    @Override
    public String toString() {
        return aeTitle + "@" + host + ":" + port;
    }
}
