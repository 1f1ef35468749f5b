package org.pacsbridge.tcia;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The NBIA REST API: v1 (public), v2 (the same endpoints behind OAuth bearer tokens) and v4 (current).
 *
 * <p>Queries are {@code GET <base>/<endpoint>} with case-sensitive parameters (v1 silently ignores a
 * misspelled one and answers unfiltered; v4 rejects it with 400). JSON is the default format, so
 * {@code format} is not sent. "Nothing found" is an empty body; value lists hold {@code {}} for a
 * missing value; {@code getPatient} says {@code PatientId} where every other endpoint says
 * {@code PatientID}; unknown series metadata is 204.
 *
 * <p>Version differences handled here: incremental endpoints take {@code fromDate=dd/MM/yyyy}
 * (getUpdatedSeries) and {@code Date=yyyy/MM/dd} (New*) in v1/v2 but {@code fromDate=MM-DD-YYYY} in
 * v4; answers carry {@code yyyy-MM-dd HH:mm:ss.S} timestamps in v1/v2 and {@code MM-DD-YYYY} in v4;
 * series metadata is a GET per series in v1/v2 and a POST of a UID list in v4; the MD5 manifest is
 * {@code getImageWithMD5Hash} in v1/v2 and {@code IncludeMD5=Yes} in v4; v4 has no
 * {@code getContentsByName}, so shared lists are read from the v1 path beside it.
 */
public final class NbiaClient extends BaseTciaClient {

    /** UIDs per v4 getSeriesMetadata request. */
    static final int METADATA_BATCH = 1000;

    private static final Set<TciaOperation> OFFERED = EnumSet.complementOf(EnumSet.of(TciaOperation.QUERY_DESCRIPTION));

    private final boolean v4;
    private final TciaAuth auth;
    private final TciaAnswerReader reader;
    private final TciaAnswerReader v1Reader = new TciaAnswerReader(TciaDates.AnswerStyle.NBIA_V1, "PatientId");

    public NbiaClient(TciaSettings settings) {
        this(settings, null, Clock.systemUTC());
    }

    /**
     * @param httpClient the HTTP client to use; {@code null} builds one
     * @param clock      decides when a bearer token is due for renewal
     */
    public NbiaClient(TciaSettings settings, HttpClient httpClient, Clock clock) {
        super(settings, httpClient);
        if (!settings.api().isNbia()) {
            throw new IllegalArgumentException("NbiaClient speaks the NBIA API, not " + settings.api().configName());
        }
        this.v4 = settings.api() == TciaApi.NBIA_V4;
        this.reader = v4 ? new TciaAnswerReader(TciaDates.AnswerStyle.NBIA_V4, "PatientId") : v1Reader;
        this.auth = settings.usesBearerTokens()
                ? new BearerTokenAuth(new OAuthTokenSource(settings, http, clock, redactor))
                : TciaAuth.NONE;
    }

    @Override
    protected TciaAuth auth() {
        return auth;
    }

    @Override
    protected URI endpointUrl(String endpoint) {
        return URI.create(settings.baseUrl() + "/" + endpoint);
    }

    @Override
    protected boolean offers(TciaOperation operation) {
        return OFFERED.contains(operation);
    }

    /** {@code Response.ok().build()}: the NBIA API's "nothing matched" (204 for unknown series metadata). */
    @Override
    protected boolean emptyBodyMeansNoRows() {
        return true;
    }

    @Override
    public List<String> getCollectionValues() throws TciaException {
        return values("getCollectionValues", QueryString.create(), "Collection");
    }

    @Override
    public List<String> getModalityValues(String collection, String bodyPartExamined) throws TciaException {
        return values("getModalityValues", QueryString.create()
                .add("Collection", collection)
                .add("BodyPartExamined", bodyPartExamined), "Modality");
    }

    @Override
    public List<String> getBodyPartValues(String collection, String modality) throws TciaException {
        return values("getBodyPartValues", QueryString.create()
                .add("Collection", collection)
                .add("Modality", modality), "BodyPartExamined");
    }

    @Override
    public List<String> getManufacturerValues(String collection, String modality, String bodyPartExamined)
            throws TciaException {
        return values("getManufacturerValues", QueryString.create()
                .add("Collection", collection)
                .add("Modality", modality)
                .add("BodyPartExamined", bodyPartExamined), "Manufacturer");
    }

    @Override
    public List<TciaPatient> getPatients(String collection, String patientId) throws TciaException {
        return patients("getPatient", QueryString.create()
                .add("Collection", collection)
                .add("PatientId", blankToNull(patientId)), reader);
    }

    @Override
    public List<String> getPatientIdsByModality(String collection, String modality) throws TciaException {
        return values("getPatientByCollectionAndModality", QueryString.create()
                .add("Collection", required("Collection", collection))
                .add("Modality", required("Modality", modality)), "PatientId");
    }

    @Override
    public List<TciaStudy> getPatientStudies(TciaStudyQuery query) throws TciaException {
        return studies("getPatientStudy", QueryString.create()
                .add("Collection", query.collection())
                .add("PatientID", query.patientId())
                .add("StudyInstanceUID", query.studyInstanceUid()), reader);
    }

    @Override
    public List<TciaSeries> getSeries(TciaSeriesQuery query) throws TciaException {
        return series("getSeries", endpointUrl("getSeries"), QueryString.create()
                .add("Collection", query.collection())
                .add("PatientID", query.patientId())
                .add("StudyInstanceUID", query.studyInstanceUid())
                .add("SeriesInstanceUID", query.seriesInstanceUid())
                .add("Modality", query.modality())
                .add("BodyPartExamined", query.bodyPartExamined())
                .add("Manufacturer", query.manufacturer())
                .add("ManufacturerModelName", query.manufacturerModelName()), reader);
    }

    @Override
    public Optional<TciaSeriesSize> getSeriesSize(String seriesInstanceUid) throws TciaException {
        return seriesSize(QueryString.create()
                .add("SeriesInstanceUID", required("SeriesInstanceUID", seriesInstanceUid)), reader);
    }

    @Override
    public Optional<TciaSeriesMetadata> getSeriesMetadata(String seriesInstanceUid) throws TciaException {
        List<TciaSeriesMetadata> found = getSeriesMetadata(List.of(required("SeriesInstanceUID", seriesInstanceUid)));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<TciaSeriesMetadata> getSeriesMetadata(Collection<String> seriesInstanceUids) throws TciaException {
        Set<String> uids = new LinkedHashSet<>();
        for (String uid : seriesInstanceUids) {
            uids.add(required("SeriesInstanceUID", uid));
        }
        List<TciaSeriesMetadata> out = new ArrayList<>();
        if (v4) {
            List<String> all = List.copyOf(uids);
            for (int from = 0; from < all.size(); from += METADATA_BATCH) {
                List<String> batch = all.subList(from, Math.min(all.size(), from + METADATA_BATCH));
                QueryString form = QueryString.create()
                        .add("list", String.join(",", batch))
                        .add("format", "json"); // CSV otherwise
                TciaAnswer answer = http.exchange(TciaRequest.postForm("getSeriesMetadata",
                        endpointUrl("getSeriesMetadata"), QueryString.create(), form), auth);
                out.addAll(JsonRows.read(answer, true, tally, reader::seriesMetadata));
            }
        } else {
            for (String uid : uids) {
                out.addAll(records("getSeriesMetaData", QueryString.create().add("SeriesInstanceUID", uid),
                        reader::seriesMetadata));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public List<TciaSeries> getUpdatedSeries(LocalDate since) throws TciaException {
        String fromDate = (v4 ? TciaDates.NBIA_V4_DATE : TciaDates.NBIA_V1_FROM_DATE).format(requiredDate(since));
        return series("getUpdatedSeries", endpointUrl("getUpdatedSeries"),
                QueryString.create().add("fromDate", fromDate), reader);
    }

    @Override
    public List<TciaPatient> getNewPatientsInCollection(String collection, LocalDate since) throws TciaException {
        return patients("NewPatientsInCollection", sinceQuery(required("Collection", collection), since), reader);
    }

    @Override
    public List<TciaStudy> getNewStudiesInPatientCollection(String collection, LocalDate since, String patientId)
            throws TciaException {
        return studies("NewStudiesInPatientCollection",
                sinceQuery(required("Collection", collection), since).add("PatientID", blankToNull(patientId)),
                reader);
    }

    @Override
    public List<String> getSopInstanceUids(String seriesInstanceUid) throws TciaException {
        return values("getSOPInstanceUIDs", QueryString.create()
                .add("SeriesInstanceUID", required("SeriesInstanceUID", seriesInstanceUid)), "SOPInstanceUID");
    }

    @Override
    public List<TciaSeries> getSharedListContents(String name) throws TciaException {
        QueryString query = QueryString.create().add("name", required("name", name));
        if (!v4) {
            return series("getContentsByName", endpointUrl("getContentsByName"), query, reader);
        }
        // not in v4; TCIA's own client still reads it from v1, which answers in v1's formats
        return series("getContentsByName", settings.baseUrl().resolve("v1/getContentsByName"), query, v1Reader);
    }

    @Override
    public TciaImageDownload getImage(String seriesInstanceUid, TciaImageOptions options) throws TciaException {
        String uid = required("SeriesInstanceUID", seriesInstanceUid);
        QueryString query = QueryString.create().add("SeriesInstanceUID", uid);
        if (options.includeMd5() && !v4) {
            if (options.newFileNames()) {
                throw unsupported("getImageWithMD5Hash", "it cannot rename files; ask for one option or the other");
            }
            return download("getImageWithMD5Hash", uid, query);
        }
        query.add("NewFileNames", options.newFileNames() ? "Yes" : null);
        query.add("IncludeMD5", options.includeMd5() ? "Yes" : null);
        return download("getImage", uid, query);
    }

    @Override
    public String getQueryDescription(String endpoint) throws TciaException {
        throw unsupported(endpoint + "/metadata", "query descriptions belong to the v2 interface");
    }

    private QueryString sinceQuery(String collection, LocalDate since) {
        LocalDate date = requiredDate(since);
        QueryString query = QueryString.create().add("Collection", collection);
        return v4 ? query.add("fromDate", TciaDates.NBIA_V4_DATE.format(date))
                : query.add("Date", TciaDates.NBIA_V1_NEW_DATE.format(date));
    }

    private static LocalDate requiredDate(LocalDate date) {
        if (date == null) {
            throw new IllegalArgumentException("a date is required");
        }
        return date;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
