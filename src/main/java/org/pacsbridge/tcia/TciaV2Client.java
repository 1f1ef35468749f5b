package org.pacsbridge.tcia;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The v2 programmatic interface as the project brief describes it: queries under
 * {@code <base>/TCIA/query/<endpoint>} with {@code format=json}, shared lists under
 * {@code <base>/SharedList/query/ContentsByName}, an endpoint's description at
 * {@code .../<endpoint>/metadata}, and the {@code api_key} as a header (or, if configured, as a query
 * parameter). Empty results are {@code []}; the patient key is {@code PatientID}.
 *
 * <p>Only the parameters of the brief's endpoint table are sent. Filters the table does not give an
 * endpoint (getSeries by modality, body part or manufacturer; getPatient by patient) are applied to
 * the answer, case-insensitively. Incremental endpoints, SOP instance UIDs and series metadata came
 * with later versions of this interface and are {@link TciaException.Kind#UNSUPPORTED} here.
 */
public final class TciaV2Client extends BaseTciaClient {

    static final String QUERY_RESOURCE = "TCIA";
    static final String SHARED_LIST_RESOURCE = "SharedList";
    static final String SHARED_LIST_ENDPOINT = "ContentsByName";

    private static final Set<TciaOperation> OFFERED = EnumSet.of(
            TciaOperation.COLLECTION_VALUES, TciaOperation.MODALITY_VALUES, TciaOperation.BODY_PART_VALUES,
            TciaOperation.MANUFACTURER_VALUES, TciaOperation.PATIENTS, TciaOperation.PATIENT_STUDIES,
            TciaOperation.SERIES, TciaOperation.SERIES_SIZE, TciaOperation.SHARED_LIST, TciaOperation.IMAGE,
            TciaOperation.QUERY_DESCRIPTION, TciaOperation.RAW_QUERY);

    private final TciaAuth auth;
    private final TciaAnswerReader reader = new TciaAnswerReader(TciaDates.AnswerStyle.V2, "PatientID");

    public TciaV2Client(TciaSettings settings) {
        this(settings, null);
    }

    /** @param httpClient the HTTP client to use; {@code null} builds one */
    public TciaV2Client(TciaSettings settings, HttpClient httpClient) {
        super(settings, httpClient);
        if (settings.api() != TciaApi.V2) {
            throw new IllegalArgumentException("TciaV2Client speaks v2, not " + settings.api().configName());
        }
        this.auth = settings.apiKey() == null ? TciaAuth.NONE : new ApiKeyAuth(settings.apiKey(), settings.apiKeyInQuery());
    }

    @Override
    protected TciaAuth auth() {
        return auth;
    }

    @Override
    protected URI endpointUrl(String endpoint) {
        if (SHARED_LIST_ENDPOINT.equals(endpoint)) {
            return URI.create(settings.baseUrl() + "/" + SHARED_LIST_RESOURCE + "/query/" + SHARED_LIST_ENDPOINT);
        }
        return URI.create(settings.baseUrl() + "/" + QUERY_RESOURCE + "/query/" + endpoint);
    }

    @Override
    protected boolean offers(TciaOperation operation) {
        return OFFERED.contains(operation);
    }

    /** This interface answers {@code []}; an empty body is not one of its answers. */
    @Override
    protected boolean emptyBodyMeansNoRows() {
        return false;
    }

    @Override
    public List<String> getCollectionValues() throws TciaException {
        return values("getCollectionValues", QueryString.create().add("format", "json"), "Collection");
    }

    @Override
    public List<String> getModalityValues(String collection, String bodyPartExamined) throws TciaException {
        return values("getModalityValues", QueryString.create()
                .add("Collection", collection)
                .add("BodyPartExamined", bodyPartExamined)
                .add("format", "json"), "Modality");
    }

    @Override
    public List<String> getBodyPartValues(String collection, String modality) throws TciaException {
        return values("getBodyPartValues", QueryString.create()
                .add("Collection", collection)
                .add("Modality", modality)
                .add("format", "json"), "BodyPartExamined");
    }

    @Override
    public List<String> getManufacturerValues(String collection, String modality, String bodyPartExamined)
            throws TciaException {
        return values("getManufacturerValues", QueryString.create()
                .add("Collection", collection)
                .add("Modality", modality)
                .add("BodyPartExamined", bodyPartExamined)
                .add("format", "json"), "Manufacturer");
    }

    @Override
    public List<TciaPatient> getPatients(String collection, String patientId) throws TciaException {
        List<TciaPatient> all = patients("getPatient", QueryString.create()
                .add("Collection", collection)
                .add("format", "json"), reader);
        if (patientId == null || patientId.isBlank()) {
            return all;
        }
        return all.stream().filter(p -> p.patientId().equalsIgnoreCase(patientId.strip())).toList();
    }

    @Override
    public List<String> getPatientIdsByModality(String collection, String modality) throws TciaException {
        throw unsupported("PatientsByModality", "a v3 endpoint");
    }

    @Override
    public List<TciaStudy> getPatientStudies(TciaStudyQuery query) throws TciaException {
        return studies("getPatientStudy", QueryString.create()
                .add("Collection", query.collection())
                .add("PatientID", query.patientId())
                .add("StudyInstanceUID", query.studyInstanceUid())
                .add("format", "json"), reader);
    }

    @Override
    public List<TciaSeries> getSeries(TciaSeriesQuery query) throws TciaException {
        List<TciaSeries> answer = series("getSeries", endpointUrl("getSeries"), QueryString.create()
                .add("Collection", query.collection())
                .add("StudyInstanceUID", query.studyInstanceUid())
                .add("PatientID", query.patientId())
                .add("SeriesInstanceUID", query.seriesInstanceUid())
                .add("format", "json"), reader);
        List<TciaSeries> matching = new ArrayList<>();
        for (TciaSeries s : answer) {
            if (matches(query.modality(), s.modality()) && matches(query.bodyPartExamined(), s.bodyPartExamined())
                    && matches(query.manufacturer(), s.manufacturer())
                    && matches(query.manufacturerModelName(), s.manufacturerModelName())) {
                matching.add(s);
            }
        }
        return List.copyOf(matching);
    }

    @Override
    public Optional<TciaSeriesSize> getSeriesSize(String seriesInstanceUid) throws TciaException {
        return seriesSize(QueryString.create()
                .add("SeriesInstanceUID", required("SeriesInstanceUID", seriesInstanceUid))
                .add("format", "json"), reader);
    }

    @Override
    public Optional<TciaSeriesMetadata> getSeriesMetadata(String seriesInstanceUid) throws TciaException {
        throw unsupported("getSeriesMetaData", "an NBIA endpoint");
    }

    @Override
    public List<TciaSeriesMetadata> getSeriesMetadata(Collection<String> seriesInstanceUids) throws TciaException {
        throw unsupported("getSeriesMetaData", "an NBIA endpoint");
    }

    @Override
    public List<TciaSeries> getUpdatedSeries(LocalDate since) throws TciaException {
        throw unsupported("getUpdatedSeries", "an NBIA endpoint");
    }

    @Override
    public List<TciaPatient> getNewPatientsInCollection(String collection, LocalDate since) throws TciaException {
        throw unsupported("NewPatientsInCollection", "a v3 endpoint");
    }

    @Override
    public List<TciaStudy> getNewStudiesInPatientCollection(String collection, LocalDate since, String patientId)
            throws TciaException {
        throw unsupported("NewStudiesInPatientCollection", "a v3 endpoint");
    }

    @Override
    public List<String> getSopInstanceUids(String seriesInstanceUid) throws TciaException {
        throw unsupported("getSOPInstanceUIDs", "a v3 endpoint");
    }

    @Override
    public List<TciaSeries> getSharedListContents(String name) throws TciaException {
        return series(SHARED_LIST_ENDPOINT, endpointUrl(SHARED_LIST_ENDPOINT),
                QueryString.create().add("name", required("name", name)), reader);
    }

    @Override
    public TciaImageDownload getImage(String seriesInstanceUid, TciaImageOptions options) throws TciaException {
        String uid = required("SeriesInstanceUID", seriesInstanceUid);
        if (options.newFileNames() || options.includeMd5()) {
            throw unsupported("getImage", "NewFileNames and MD5 hashes are NBIA options");
        }
        return download("getImage", uid, QueryString.create().add("SeriesInstanceUID", uid));
    }

    @Override
    public String getQueryDescription(String endpoint) throws TciaException {
        requireEndpointName(endpoint);
        String name = endpoint + "/metadata";
        TciaAnswer answer = get(name, URI.create(endpointUrl(endpoint) + "/metadata"), QueryString.create());
        JsonRows.tree(answer); // only checked to be JSON: its schema is not documented
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.equalsIgnoreCase(actual);
    }
}
