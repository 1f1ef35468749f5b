package org.pacsbridge.tcia;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every operation of The Cancer Imaging Archive's interfaces this node implements, whichever interface
 * answers. The reference sync needs only those of {@link TciaSyncSource}; the rest serve operators and
 * future flows.
 *
 * <p>Parameters named like a filter may be {@code null} ("any"). Empty results are empty lists: the
 * NBIA API answers "nothing found" with an empty body, the v2 interface with {@code []}; anything the
 * endpoint does not document fails with {@link TciaException.Kind#MALFORMED_RESPONSE} instead of
 * passing as "nothing". Value lists leave out the {@code {}} elements the NBIA API sends for missing
 * values. An operation the configured interface does not have fails with
 * {@link TciaException.Kind#UNSUPPORTED} without a request; {@link #supports} tells in advance.
 *
 * <p>Incremental calls compare as the server does: NBIA v1/v2 return what was released strictly after
 * the date, v4 on or after it. Poll from the last high-water mark minus one day and upsert by UID.
 *
 * <p>Implementations are thread-safe and limit their own parallelism and request rate.
 */
public interface TciaClient extends TciaSyncSource, AutoCloseable {

    /** {@code getCollectionValues}: every public collection. */
    List<String> getCollectionValues() throws TciaException;

    /** {@code getModalityValues}. */
    List<String> getModalityValues(String collection, String bodyPartExamined) throws TciaException;

    /** {@code getBodyPartValues}. */
    List<String> getBodyPartValues(String collection, String modality) throws TciaException;

    /** {@code getManufacturerValues}. */
    List<String> getManufacturerValues(String collection, String modality, String bodyPartExamined)
            throws TciaException;

    /** {@code getPatient}; the v2 interface cannot filter by patient, so that filter is applied to its answer. */
    List<TciaPatient> getPatients(String collection, String patientId) throws TciaException;

    /** NBIA {@code getPatientByCollectionAndModality}: the patient IDs with a series of that modality. */
    List<String> getPatientIdsByModality(String collection, String modality) throws TciaException;

    /** {@code getPatientStudy}. */
    List<TciaStudy> getPatientStudies(TciaStudyQuery query) throws TciaException;

    /** NBIA {@code getSeriesMetaData} (v4: {@code getSeriesMetadata}); empty for an unknown series (204). */
    Optional<TciaSeriesMetadata> getSeriesMetadata(String seriesInstanceUid) throws TciaException;

    /** Metadata of several series; unknown ones are left out. v4 asks in batches, v1/v2 one series at a time. */
    List<TciaSeriesMetadata> getSeriesMetadata(Collection<String> seriesInstanceUids) throws TciaException;

    /** NBIA {@code NewPatientsInCollection}. */
    List<TciaPatient> getNewPatientsInCollection(String collection, LocalDate since) throws TciaException;

    /** NBIA {@code NewStudiesInPatientCollection}; {@code patientId} may be {@code null}. */
    List<TciaStudy> getNewStudiesInPatientCollection(String collection, LocalDate since, String patientId)
            throws TciaException;

    /** {@code getSOPInstanceUIDs}. */
    List<String> getSopInstanceUids(String seriesInstanceUid) throws TciaException;

    /** The series of a shared list (v2 {@code /SharedList/query/ContentsByName}, NBIA {@code getContentsByName}). */
    List<TciaSeries> getSharedListContents(String name) throws TciaException;

    @Override
    default TciaImageDownload getImage(String seriesInstanceUid) throws TciaException {
        return getImage(seriesInstanceUid, TciaImageOptions.DEFAULT);
    }

    /**
     * {@code getImage}: the series as a ZIP stream. Retries happen only until the answer starts; the
     * caller must close the download.
     */
    TciaImageDownload getImage(String seriesInstanceUid, TciaImageOptions options) throws TciaException;

    /**
     * v2: the JSON description of a query endpoint ({@code /metadata} appended to it), as sent; its
     * schema is not documented, so it is only checked to be JSON.
     */
    String getQueryDescription(String endpoint) throws TciaException;

    /**
     * Any query endpoint in any format, unparsed; for formats the typed calls do not use. Parameter
     * names are sent as given (case-sensitive).
     */
    TciaRawAnswer query(String endpoint, Map<String, String> parameters, TciaFormat format) throws TciaException;

    /** Frees the client's resources. */
    @Override
    void close();
}
