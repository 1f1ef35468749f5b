package org.pacsbridge.dicom;

/**
 * The parts of the File Meta Information (PS3.10 section 7.1) that PACS Bridge uses. Values are
 * without padding; any of them may be null when read from a file that lacks the element, except
 * {@code transferSyntaxUid}, which {@link Part10Reader} requires.
 *
 * @param mediaStorageSopClassUid    (0002,0002)
 * @param mediaStorageSopInstanceUid (0002,0003)
 * @param transferSyntaxUid          (0002,0010), the encoding of the data set that follows
 * @param implementationClassUid     (0002,0012) of the implementation that wrote the file
 * @param implementationVersionName  (0002,0013)
 * @param sourceAeTitle              (0002,0016), the AE that sent or wrote the object
 */
public record FileMeta(String mediaStorageSopClassUid, String mediaStorageSopInstanceUid, String transferSyntaxUid,
        String implementationClassUid, String implementationVersionName, String sourceAeTitle) {

    /**
     * File meta for an object written by this node: implementation class and version are PACS
     * Bridge's own, no source AE title.
     */
    public static FileMeta ofThisImplementation(String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {
        return new FileMeta(sopClassUid, sopInstanceUid, transferSyntaxUid,
                UID.IMPLEMENTATION_CLASS, UID.IMPLEMENTATION_VERSION_NAME, null);
    }

    /** @return a copy with the given Source Application Entity Title */
    public FileMeta withSourceAeTitle(String aeTitle) {
        return new FileMeta(mediaStorageSopClassUid, mediaStorageSopInstanceUid, transferSyntaxUid,
                implementationClassUid, implementationVersionName, aeTitle);
    }
}
