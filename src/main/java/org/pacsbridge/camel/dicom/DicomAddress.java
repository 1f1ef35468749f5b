package org.pacsbridge.camel.dicom;

/**
 * The path of a {@code dicom:} URI, {@code aeTitle@host:port}. The AE title is the one the SCP answers
 * to, or the one the SCU calls; an IPv6 host is written in brackets.
 */
public record DicomAddress(String aeTitle, String host, int port) {

    private static final String SYNTAX = "dicom:aeTitle@host:port";

    public DicomAddress {
        if (aeTitle == null || aeTitle.isBlank()) {
            throw new IllegalArgumentException("The AE title is missing (" + SYNTAX + ")");
        }
        if (aeTitle.length() > 16 || aeTitle.chars().anyMatch(c -> c < 0x20 || c > 0x7e || c == '\\')) {
            throw new IllegalArgumentException("The AE title must be 1 to 16 printable ASCII characters without '\\': '"
                    + printable(aeTitle) + "'");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("The host is missing (" + SYNTAX + ")");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("The port must be 0 to 65535, not " + port);
        }
    }

    /** Splits {@code remaining} into its parts; each missing or invalid part is named in the exception. */
    public static DicomAddress parse(String remaining) {
        String text = remaining.startsWith("//") ? remaining.substring(2) : remaining;
        int at = text.lastIndexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("The '@' between AE title and host is missing: expected " + SYNTAX
                    + ", got dicom:" + printable(remaining));
        }
        String hostAndPort = text.substring(at + 1);
        int colon = hostAndPort.lastIndexOf(':');
        if (colon < 0 || hostAndPort.startsWith("[") && colon < hostAndPort.indexOf(']')) {
            throw new IllegalArgumentException("The port is missing: expected " + SYNTAX + ", got dicom:"
                    + printable(remaining));
        }
        String host = hostAndPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String portText = hostAndPort.substring(colon + 1);
        if (portText.isEmpty()) {
            throw new IllegalArgumentException("The port is missing: expected " + SYNTAX + ", got dicom:"
                    + printable(remaining));
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The port is not a number: '" + printable(portText) + "' in dicom:"
                    + printable(remaining), e);
        }
        return new DicomAddress(text.substring(0, at), host, port);
    }

    /** The text with control characters shown as '?', for messages that end up in logs. */
    private static String printable(String text) {
        return text.codePoints().map(c -> c < 0x20 || c == 0x7f ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    @Override
    public String toString() {
        return aeTitle + "@" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
