package org.pacsbridge.results;

/**
 * A findings SR ready to store.
 *
 * @param sopInstanceUid    the SR's SOP Instance UID, the same for every build of the same image and engine
 * @param seriesInstanceUid the SR's series, one per study and engine
 * @param studyInstanceUid  the original study the SR belongs to
 * @param part10            the Part 10 file, explicit VR little endian
 */
public record FindingsSr(String sopInstanceUid, String seriesInstanceUid, String studyInstanceUid, byte[] part10) {
}
