package org.pacsbridge.dicom.net;

/**
 * A received C-STORE-RQ command.
 *
 * @param association           the association it arrived on
 * @param presentationContextId the (odd) presentation context ID
 * @param transferSyntaxUid     the accepted transfer syntax of that context (the data set's encoding)
 * @param affectedSopClassUid   (0000,0002)
 * @param affectedSopInstanceUid (0000,1000)
 * @param messageId             (0000,0110)
 * @param moveOriginatorAeTitle (0000,1030) or null
 */
public record StoreRequest(AssociationInfo association, int presentationContextId, String transferSyntaxUid,
                           String affectedSopClassUid, String affectedSopInstanceUid, int messageId,
                           String moveOriginatorAeTitle) {
}
