package org.pacsbridge.dicom;

/**
 * What {@link Deidentifier} did to one object. Counts include attributes inside sequences; an
 * attribute removed with its whole enclosing sequence is not counted separately.
 *
 * @param removed               attributes removed (action X, private attributes, overlays, curves)
 * @param replaced              attributes emptied, given a dummy or pseudonym, or cleaned (Z, D, C)
 * @param uidsReplaced          UID values replaced (U)
 * @param newStudyInstanceUid   the Study Instance UID of the copy, or null if the source had none
 * @param newSeriesInstanceUid  the Series Instance UID of the copy, or null if the source had none
 * @param newSopInstanceUid     the SOP Instance UID of the copy, also its Media Storage SOP Instance UID
 */
public record DeidentificationReport(int removed, int replaced, int uidsReplaced, String newStudyInstanceUid,
        String newSeriesInstanceUid, String newSopInstanceUid) {
}
