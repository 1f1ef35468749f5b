package org.pacsbridge.dicom.net;

import java.util.List;
import java.util.Objects;

/**
 * One presentation context proposed by the SCU.
 *
 * @param abstractSyntaxUid  SOP class UID
 * @param transferSyntaxUids proposed transfer syntaxes, in preference order (at least one)
 */
public record PresentationContextRequest(String abstractSyntaxUid, List<String> transferSyntaxUids) {
    /** Validates and copies the list. */
    public PresentationContextRequest {
        Objects.requireNonNull(abstractSyntaxUid, "abstractSyntaxUid");
        transferSyntaxUids = List.copyOf(transferSyntaxUids);
        if (transferSyntaxUids.isEmpty()) {
            throw new IllegalArgumentException("at least one transfer syntax required");
        }
    }
}
