package org.pacsbridge.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Maps the defined terms of Specific Character Set (0008,0005), PS3.3 C.12.1.1.2, to a Java
 * charset for decoding text values. ISO 2022 code extensions (escape sequences switching
 * repertoires inside a value) are not interpreted: such values are decoded with the first
 * repertoire named.
 */
final class SpecificCharacterSet {

    private static final Map<String, String> CHARSET_BY_TERM = Map.ofEntries(
            Map.entry("ISO_IR 100", "ISO-8859-1"),
            Map.entry("ISO_IR 101", "ISO-8859-2"),
            Map.entry("ISO_IR 109", "ISO-8859-3"),
            Map.entry("ISO_IR 110", "ISO-8859-4"),
            Map.entry("ISO_IR 144", "ISO-8859-5"),
            Map.entry("ISO_IR 127", "ISO-8859-6"),
            Map.entry("ISO_IR 126", "ISO-8859-7"),
            Map.entry("ISO_IR 138", "ISO-8859-8"),
            Map.entry("ISO_IR 148", "ISO-8859-9"),
            Map.entry("ISO_IR 203", "ISO-8859-15"),
            Map.entry("ISO_IR 166", "TIS-620"),
            Map.entry("ISO_IR 13", "JIS_X0201"),
            Map.entry("ISO_IR 192", "UTF-8"),
            Map.entry("GB18030", "GB18030"),
            Map.entry("GBK", "GBK"));

    private SpecificCharacterSet() {
    }

    /**
     * @param value the decoded value of (0008,0005), possibly multi-valued; null or empty for the
     *              default repertoire
     * @return the charset to decode affected text VRs with. The default repertoire and unknown
     *         terms give ISO-8859-1: a superset of ASCII that maps every byte, so odd bytes stay
     *         visible instead of failing.
     */
    static Charset forValue(String value) {
        if (value == null) {
            return StandardCharsets.ISO_8859_1;
        }
        String first = null;
        for (String term : value.split("\\\\", -1)) {
            String normalized = term.trim().replace("ISO 2022 IR ", "ISO_IR ");
            if (normalized.equals("ISO_IR 192")) {
                return StandardCharsets.UTF_8;
            }
            if (first == null && !normalized.isEmpty()) {
                first = normalized;
            }
        }
        String name = first == null ? null : CHARSET_BY_TERM.get(first);
        if (name == null || !Charset.isSupported(name)) {
            return StandardCharsets.ISO_8859_1;
        }
        return Charset.forName(name);
    }
}
