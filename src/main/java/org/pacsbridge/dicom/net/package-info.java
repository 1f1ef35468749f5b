/**
 * DICOM network layer: PS3.8 upper layer (association negotiation, PDUs, state machine) and PS3.7 DIMSE
 * C-ECHO / C-STORE as SCP ({@link org.pacsbridge.dicom.net.DicomServer}) and SCU
 * ({@link org.pacsbridge.dicom.net.Association}). Data sets are streamed: the SCP hands PDV fragments to a
 * {@link org.pacsbridge.dicom.net.DataSetSink} as they arrive and the SCU streams files from disk, so heap
 * use does not depend on object size.
 */
package org.pacsbridge.dicom.net;
