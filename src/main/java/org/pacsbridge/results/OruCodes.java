package org.pacsbridge.results;

/** The coded concepts of a findings ORU's OBX segments that are not findings. */
final class OruCodes {

    /** PS3.16 Annex D: the OBX carrying the image's Study Instance UID, as RIS and PACS exchange it. */
    static final Code STUDY_INSTANCE_UID = new Code("110180", "DCM", "Study Instance UID");
    static final Code ALGORITHM_NAME = SrCodes.ALGORITHM_NAME;
    static final Code URGENCY = SrCodes.URGENCY;
    /** OBX-3 of a finding carries its X-Raydar key here as the alternate code when the primary one is SNOMED CT. */
    static final String LOCAL_SCHEME = SrCodes.LOCAL_SCHEME;
    static final Code PERCENT = SrCodes.PERCENT;

    private OruCodes() {
    }
}
