package org.pacsbridge.dicomweb;

import java.util.List;

/**
 * The Store Instances Response (PS3.18 10.5.3): ReferencedSOPSequence (0008,1199) with an item per stored
 * instance, FailedSOPSequence (0008,1198) with an item and its FailureReason (0008,1197) per failed one; in the
 * DICOM JSON model (PS3.18 F.2) or the Native DICOM Model (PS3.19 A.1). RetrieveURL is left out: the node
 * serves no WADO-RS.
 */
final class StoreInstancesResponse {

    static final String JSON = "application/dicom+json";
    static final String XML = "application/dicom+xml";

    private final List<InstanceOutcome> outcomes;

    StoreInstancesResponse(List<InstanceOutcome> outcomes) {
        this.outcomes = List.copyOf(outcomes);
    }

    /** 200 when every instance is stored, 409 when none is, 202 otherwise. */
    int httpStatus() {
        long stored = outcomes.stream().filter(InstanceOutcome::stored).count();
        return stored == outcomes.size() ? 200 : stored == 0 ? 409 : 202;
    }

    String json() {
        StringBuilder out = new StringBuilder("{");
        List<InstanceOutcome> failed = outcomes.stream().filter(o -> !o.stored()).toList();
        List<InstanceOutcome> stored = outcomes.stream().filter(InstanceOutcome::stored).toList();
        if (!failed.isEmpty()) {
            jsonSequence(out, "00081198", failed);
        }
        if (!stored.isEmpty()) {
            if (!failed.isEmpty()) {
                out.append(',');
            }
            jsonSequence(out, "00081199", stored);
        }
        return out.append('}').toString();
    }

    private static void jsonSequence(StringBuilder out, String tag, List<InstanceOutcome> items) {
        out.append('"').append(tag).append("\":{\"vr\":\"SQ\",\"Value\":[");
        for (int i = 0; i < items.size(); i++) {
            InstanceOutcome item = items.get(i);
            out.append(i == 0 ? "{" : ",{");
            boolean first = true;
            first = jsonUid(out, "00081150", item.sopClassUid(), first);
            first = jsonUid(out, "00081155", item.sopInstanceUid(), first);
            if (!item.stored()) {
                out.append(first ? "" : ",").append("\"00081197\":{\"vr\":\"US\",\"Value\":[")
                        .append(item.failureReason()).append("]}");
            }
            out.append('}');
        }
        out.append("]}");
    }

    private static boolean jsonUid(StringBuilder out, String tag, String uid, boolean first) {
        if (uid == null) {
            return first;
        }
        out.append(first ? "" : ",").append('"').append(tag).append("\":{\"vr\":\"UI\",\"Value\":[\"")
                .append(jsonEscaped(uid)).append("\"]}");
        return false;
    }

    String xml() {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<NativeDicomModel>");
        List<InstanceOutcome> failed = outcomes.stream().filter(o -> !o.stored()).toList();
        List<InstanceOutcome> stored = outcomes.stream().filter(InstanceOutcome::stored).toList();
        if (!failed.isEmpty()) {
            xmlSequence(out, "00081198", "FailedSOPSequence", failed);
        }
        if (!stored.isEmpty()) {
            xmlSequence(out, "00081199", "ReferencedSOPSequence", stored);
        }
        return out.append("</NativeDicomModel>\n").toString();
    }

    private static void xmlSequence(StringBuilder out, String tag, String keyword, List<InstanceOutcome> items) {
        out.append("<DicomAttribute tag=\"").append(tag).append("\" vr=\"SQ\" keyword=\"").append(keyword).append("\">");
        for (int i = 0; i < items.size(); i++) {
            InstanceOutcome item = items.get(i);
            out.append("<Item number=\"").append(i + 1).append("\">");
            xmlValue(out, "00081150", "UI", "ReferencedSOPClassUID", item.sopClassUid());
            xmlValue(out, "00081155", "UI", "ReferencedSOPInstanceUID", item.sopInstanceUid());
            if (!item.stored()) {
                xmlValue(out, "00081197", "US", "FailureReason", Integer.toString(item.failureReason()));
            }
            out.append("</Item>");
        }
        out.append("</DicomAttribute>");
    }

    private static void xmlValue(StringBuilder out, String tag, String vr, String keyword, String value) {
        if (value == null) {
            return;
        }
        out.append("<DicomAttribute tag=\"").append(tag).append("\" vr=\"").append(vr).append("\" keyword=\"")
                .append(keyword).append("\"><Value number=\"1\">").append(xmlEscaped(value))
                .append("</Value></DicomAttribute>");
    }

    private static String jsonEscaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String xmlEscaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '?' : c);
            }
        }
        return out.toString();
    }
}
