/**
 * The DICOM data layer of PACS Bridge: tags, VRs, UIDs and transfer syntaxes (PS3.5, PS3.6), the
 * Part 10 file header (PS3.10) with {@link org.pacsbridge.dicom.Part10Reader} and
 * {@link org.pacsbridge.dicom.Part10Writer}, and a streaming {@link org.pacsbridge.dicom.DataSetReader}
 * that extracts {@link org.pacsbridge.dicom.RoutingAttributes} without loading pixel data, and a streaming
 * {@link org.pacsbridge.dicom.Deidentifier} that writes de-identified copies (PS3.15 Annex E.1), and
 * {@link org.pacsbridge.dicom.DataSetWriter}, which writes small objects the node builds itself as a
 * {@link org.pacsbridge.dicom.DataSet}, with UIDs from {@link org.pacsbridge.dicom.NameBasedUid}.
 * Malformed input is reported as {@link org.pacsbridge.dicom.DicomFormatException}.
 */
package org.pacsbridge.dicom;
