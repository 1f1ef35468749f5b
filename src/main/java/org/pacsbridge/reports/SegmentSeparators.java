package org.pacsbridge.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * Brings received text to the form the rest of the node reads: segments separated by a single CR.
 *
 * <p>CR is the HL7 segment separator. Many RIS send LF or CRLF instead (files, Kafka producers,
 * Windows tools), so those are tolerated: CRLF becomes CR, and LF is taken as the separator only
 * when the text holds no CR at all. In a message that does use CR, a lone LF is field content (some
 * senders put raw line breaks into report text) and is left alone rather than splitting a field.
 * Empty segments are dropped. Leading BOM, MLLP start byte and whitespace, and a trailing MLLP
 * end block, NULs and whitespace, are stripped.
 */
final class SegmentSeparators {

    private SegmentSeparators() {
    }

    static List<String> segments(String text) {
        String trimmed = trim(text);
        String separated = trimmed.indexOf('\r') >= 0 ? trimmed.replace("\r\n", "\r") : trimmed.replace('\n', '\r');
        List<String> segments = new ArrayList<>();
        for (String segment : Er7Text.split(separated, '\r')) {
            if (!segment.isBlank()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    private static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isFraming(text.charAt(start))) {
            start++;
        }
        while (end > start && (isFraming(text.charAt(end - 1)) || text.charAt(end - 1) == '\u001c' || text.charAt(end - 1) == 0)) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isFraming(char c) {
        return c == '\ufeff' || c == '\u000b' || Character.isWhitespace(c);
    }
}
