package org.pacsbridge.tcia;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.pacsbridge.tcia.TciaTestData.Patient;
import org.pacsbridge.tcia.TciaTestData.Series;
import org.pacsbridge.tcia.TciaTestData.Study;

/**
 * The NBIA REST API search endpoints as the server code behaves: v1 (and v2, the same endpoints)
 * or v4. Empty results are 200 with an empty body; null values are left out; {@code getPatient}
 * says {@code PatientId}; missing parameters get 400 with a plain-text body under a JSON content
 * type; v1 ignores unknown parameters, v4 rejects them; dates are {@code yyyy-MM-dd HH:mm:ss.S} (v1)
 * or {@code MM-DD-YYYY} (v4).
 */
final class NbiaApiDouble {

    private static final DateTimeFormatter V1_TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.S");
    private static final DateTimeFormatter V4_DATE = DateTimeFormatter.ofPattern("MM-dd-uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter V1_FROM_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter V1_NEW_DATE = DateTimeFormatter.ofPattern("uuuu/MM/dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final String JSON = "application/json";

    /** v4's per-endpoint allow-list ({@code format} is allowed everywhere). */
    private static final Map<String, List<String>> V4_PARAMETERS = Map.ofEntries(
            Map.entry("getCollectionValues", List.of()),
            Map.entry("getModalityValues", List.of("Collection", "BodyPartExamined")),
            Map.entry("getBodyPartValues", List.of("Collection", "Modality")),
            Map.entry("getManufacturerValues", List.of("Collection", "Modality", "BodyPartExamined")),
            Map.entry("getPatient", List.of("Collection", "PatientId")),
            Map.entry("getPatientByCollectionAndModality", List.of("Collection", "Modality")),
            Map.entry("getPatientStudy", List.of("Collection", "PatientID", "StudyInstanceUID")),
            Map.entry("getSeries", List.of("Collection", "PatientID", "StudyInstanceUID", "SeriesInstanceUID",
                    "Modality", "BodyPartExamined", "Manufacturer", "ManufacturerModelName")),
            Map.entry("getSeriesSize", List.of("SeriesInstanceUID")),
            Map.entry("getSOPInstanceUIDs", List.of("SeriesInstanceUID")),
            Map.entry("getSeriesMetadata", List.of()),
            Map.entry("getImage", List.of("SeriesInstanceUID", "NewFileNames", "IncludeMD5")),
            Map.entry("getImageWithMD5Hash", List.of("SeriesInstanceUID")),
            Map.entry("getUpdatedSeries", List.of("fromDate")),
            Map.entry("NewPatientsInCollection", List.of("Collection", "fromDate")),
            Map.entry("NewStudiesInPatientCollection", List.of("Collection", "fromDate", "PatientID")));

    private final int version;
    private final TciaTestArchive archive;

    NbiaApiDouble(int version) {
        this(version, new TciaTestArchive());
    }

    NbiaApiDouble(int version, TciaTestArchive archive) {
        this.version = version;
        this.archive = archive;
    }

    private boolean v4() {
        return version == 4;
    }

    void handle(TestExchange t, String endpoint) throws IOException {
        if (v4()) {
            List<String> allowed = V4_PARAMETERS.get(endpoint);
            if (allowed == null) {
                notFound(t);
                return;
            }
            for (String name : t.query().keySet()) {
                if (!name.equals("format") && !allowed.contains(name)) {
                    t.text(400, JSON, "Invalid query parameter: '" + name + "'. Allowed parameters are: " + allowed);
                    return;
                }
            }
        }
        String format = t.param("format") == null ? "json" : t.param("format");
        if (!List.of("json", "csv", "xml", "html").contains(format)) {
            t.text(500, "text/plain", "Server was not able to process your request");
            return;
        }
        switch (endpoint) {
            case "getCollectionValues" -> values(t, "Collection", TciaTestData.COLLECTIONS);
            case "getModalityValues" -> values(t, "Modality", distinct(series(t, "Collection", null, "BodyPartExamined"),
                    Series::modality));
            case "getBodyPartValues" -> values(t, "BodyPartExamined", distinct(series(t, "Collection", "Modality", null),
                    Series::bodyPart));
            case "getManufacturerValues" -> values(t, "Manufacturer",
                    distinct(series(t, "Collection", "Modality", "BodyPartExamined"), Series::manufacturer));
            case "getPatient" -> rows(t, TciaTestData.PATIENTS.stream()
                    .filter(p -> matches(t.param("Collection"), p.collection()))
                    .filter(p -> matches(t.param("PatientId"), p.id()))
                    .map(this::patient).toList());
            case "getPatientByCollectionAndModality" -> patientsByModality(t);
            case "getPatientStudy" -> rows(t, TciaTestData.STUDIES.stream()
                    .filter(s -> matches(t.param("Collection"), s.collection()))
                    .filter(s -> matches(t.param("PatientID"), s.patientId()))
                    .filter(s -> matches(t.param("StudyInstanceUID"), s.uid()))
                    .map(this::study).toList());
            case "getSeries" -> rows(t, archive.series().stream()
                    .filter(s -> matches(t.param("Collection"), s.collection()))
                    .filter(s -> matches(t.param("PatientID"), s.patientId()))
                    .filter(s -> matches(t.param("StudyInstanceUID"), s.studyUid()))
                    .filter(s -> matches(t.param("SeriesInstanceUID"), s.uid()))
                    .filter(s -> matches(t.param("Modality"), s.modality()))
                    .filter(s -> matches(t.param("BodyPartExamined"), s.bodyPart()))
                    .filter(s -> matches(t.param("Manufacturer"), s.manufacturer()))
                    .filter(s -> matches(t.param("ManufacturerModelName"), s.model()))
                    .map(s -> fullSeries(s)).toList());
            case "getSeriesSize" -> seriesSize(t);
            case "getSOPInstanceUIDs" -> sopInstanceUids(t);
            case "getSeriesMetaData" -> seriesMetadataV1(t);
            case "getSeriesMetadata" -> seriesMetadataV4(t);
            case "getUpdatedSeries" -> updatedSeries(t);
            case "NewPatientsInCollection" -> newPatients(t);
            case "NewStudiesInPatientCollection" -> newStudies(t);
            case "getContentsByName" -> contentsByName(t);
            case "getImage" -> image(t, "Yes".equalsIgnoreCase(t.param("NewFileNames")),
                    v4() && "Yes".equalsIgnoreCase(t.param("IncludeMD5")), true);
            case "getImageWithMD5Hash" -> image(t, false, true, v4());
            default -> notFound(t);
        }
    }

    private static void notFound(TestExchange t) throws IOException {
        t.text(404, "text/html", "<html><head><title>Error</title></head><body><h1>HTTP Status 404 - Not Found</h1>"
                + "</body></html>");
    }

    private void seriesSize(TestExchange t) throws IOException {
        String uid = t.param("SeriesInstanceUID");
        if (uid == null) {
            t.text(400, JSON, "A parameter, SeriesInstanceUID is required for this API call.");
            return;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        archive.series(uid).ifPresent(s -> {
            row.put("TotalSizeInBytes", s.fileSize());
            row.put("ObjectCount", s.imageCount());
        });
        t.json(200, List.of(row)); // an unknown series gives the aggregate's all-null row: [{}]
    }

    private void sopInstanceUids(TestExchange t) throws IOException {
        String uid = t.param("SeriesInstanceUID");
        if (uid == null) {
            t.text(400, JSON, "A parameter, SeriesInstanceUID is required for this API call.");
            return;
        }
        rows(t, archive.series(uid).map(TciaTestData::sopInstanceUids).orElse(List.of()).stream()
                .map(sop -> row("SOPInstanceUID", sop)).toList());
    }

    private void patientsByModality(TestExchange t) throws IOException {
        if (t.param("Collection") == null || t.param("Modality") == null) {
            t.text(400, JSON, "A parameter, Collection and Modality, are required for this API call.");
            return;
        }
        rows(t, series(t, "Collection", "Modality", null).stream().map(Series::patientId).distinct()
                .map(id -> row("PatientId", id)).toList());
    }

    private void seriesMetadataV1(TestExchange t) throws IOException {
        if (v4()) {
            notFound(t);
            return;
        }
        String uid = t.param("SeriesInstanceUID");
        if (uid == null) {
            t.text(400, JSON, "A parameter, SeriesInstanceUID is required for this API call.");
            return;
        }
        var series = archive.series(uid);
        if (series.isEmpty()) {
            t.noContent(); // "No meta data for SeriesInstanceUID ... accessible." is lost with the 204
            return;
        }
        t.json(200, List.of(metadata(series.get())));
    }

    private void seriesMetadataV4(TestExchange t) throws IOException {
        if (!v4() || !"POST".equals(t.method())) {
            notFound(t);
            return;
        }
        String list = t.form().get("list");
        if (list == null || list.isBlank()) {
            t.text(400, JSON, "A parameter, list is required for this API call.");
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String uid : list.split(",")) {
            archive.series(uid.strip()).ifPresent(s -> rows.add(metadata(s)));
        }
        String format = t.form().getOrDefault("format", "csv");
        if (rows.isEmpty()) {
            t.emptyOk();
        } else if (format.equals("json")) {
            t.json(200, rows);
        } else {
            t.text(200, "text/csv", csv(rows));
        }
    }

    private void updatedSeries(TestExchange t) throws IOException {
        String from = t.param("fromDate");
        LocalDate date;
        try {
            date = from == null ? LocalDate.of(1900, 1, 1) : LocalDate.parse(from, v4() ? V4_DATE : V1_FROM_DATE);
        } catch (DateTimeParseException e) {
            t.emptyOk();
            return;
        }
        rows(t, archive.series().stream().filter(s -> s.released().isAfter(date.atStartOfDay()))
                .map(s -> v4() ? fullSeries(s) : shortSeries(s, "DateReleased")).toList());
    }

    private void newPatients(TestExchange t) throws IOException {
        LocalDate since = sinceDate(t, "A parameter, Collection and Date are required for this API call.");
        if (since == null) {
            return;
        }
        rows(t, TciaTestData.PATIENTS.stream().filter(p -> matches(t.param("Collection"), p.collection()))
                .filter(p -> isNew(TciaTestData.firstRelease(p), since))
                .map(this::patient).toList());
    }

    private void newStudies(TestExchange t) throws IOException {
        LocalDate since = sinceDate(t, "A parameter, Collection and Date are required for this API call.");
        if (since == null) {
            return;
        }
        rows(t, TciaTestData.STUDIES.stream().filter(s -> matches(t.param("Collection"), s.collection()))
                .filter(s -> matches(t.param("PatientID"), s.patientId()))
                .filter(s -> isNew(TciaTestData.firstRelease(s), since))
                .map(this::study).toList());
    }

    /** v1 compares strictly after the date, v4 on or after it. */
    private boolean isNew(LocalDateTime released, LocalDate since) {
        LocalDate day = released.toLocalDate();
        return v4() ? !day.isBefore(since) : day.isAfter(since);
    }

    /** The date of New*; answers and returns null when the request cannot be served. */
    private LocalDate sinceDate(TestExchange t, String missingMessage) throws IOException {
        String name = v4() ? "fromDate" : "Date";
        String value = t.param(name);
        if (t.param("Collection") == null || value == null) {
            t.text(400, JSON, missingMessage);
            return null;
        }
        try {
            return LocalDate.parse(value, v4() ? V4_DATE : V1_NEW_DATE);
        } catch (DateTimeParseException e) {
            t.emptyOk();
            return null;
        }
    }

    private void contentsByName(TestExchange t) throws IOException {
        if (v4()) {
            notFound(t);
            return;
        }
        String name = t.param("name");
        if (name == null) {
            t.text(400, JSON, "A parameter, name is required for this API call.");
            return;
        }
        List<String> uids = TciaTestData.SHARED_LISTS.getOrDefault(name, List.of());
        List<Map<String, Object>> rows = uids.stream().map(uid -> shortSeries(archive.series(uid).orElseThrow(),
                "Date Released")).toList();
        if (rows.isEmpty()) {
            t.emptyOk();
        } else {
            t.json(200, rows); // format is ignored: always JSON
        }
    }

    private void image(TestExchange t, boolean newFileNames, boolean md5, boolean license) throws IOException {
        String uid = t.param("SeriesInstanceUID");
        if (uid == null) {
            t.text(400, JSON, "A parameter, SeriesInstanceUID, is required for this API call.");
            return;
        }
        var series = archive.series(uid);
        if (series.isEmpty()) {
            t.text(400, JSON, v4()
                    ? "The user has not been granted the access to image with given SeriesInstanceUID," + uid
                            + ". Please contact System Admin to resolve this issue."
                    : "Image with given SeriesInstanceUID," + uid + ", is not in public domain.");
            return;
        }
        Series s = series.get();
        List<byte[]> files = archive.images(uid).orElse(null);
        t.stream("application/octet-stream", Map.of("Content-Disposition", "attachment; filename=\"" + uid + ".zip\""),
                out -> writeSeriesZip(out, s, files, newFileNames, md5, license));
    }

    static void writeSeriesZip(OutputStream out, Series s, boolean newFileNames, boolean md5, boolean license)
            throws IOException {
        writeSeriesZip(out, s, null, newFileNames, md5, license);
    }

    /** {@code files}: the images to pack, or null for invented DICOM-looking ones, one per image of the series. */
    static void writeSeriesZip(OutputStream out, Series s, List<byte[]> files, boolean newFileNames, boolean md5,
            boolean license) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        if (license) {
            zip.putNextEntry(new ZipEntry("LICENSE"));
            zip.write(("This collection is licensed under the " + TciaTestData.LICENSE_NAME
                    + ".\nTCIA Data Usage Policy applies.\n").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        StringBuilder hashes = new StringBuilder("Filename,MD5Hash\n");
        int count = files == null ? s.imageCount() : files.size();
        int width = Integer.toString(count).length();
        for (int i = 1; i <= count; i++) {
            String name = newFileNames ? "1-" + String.format("%0" + width + "d", i) + ".dcm"
                    : String.format("%08d.dcm", i);
            byte[] content = files == null ? TestZips.dicom(s.uid() + "." + i, 4096) : files.get(i - 1);
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
            hashes.append(name).append(',').append(md5Hex(content)).append('\n');
        }
        if (md5) {
            zip.putNextEntry(new ZipEntry("md5hashes.csv"));
            zip.write(hashes.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    private static String md5Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- answer shapes ---

    private Map<String, Object> patient(Patient p) {
        Map<String, Object> row = new LinkedHashMap<>();
        put(row, "PatientId", p.id());
        put(row, "PatientName", p.id());
        if (!v4()) {
            put(row, "PatientBirthDate", p.birthDate());
        }
        put(row, "PatientSex", p.sex());
        put(row, "EthnicGroup", p.ethnicGroup());
        put(row, "Collection", p.collection());
        put(row, "Phantom", "NO");
        put(row, "SpeciesCode", "337915000");
        put(row, "SpeciesDescription", "Homo sapiens");
        if (v4()) {
            put(row, "Authorized", 1);
        }
        return row;
    }

    private Map<String, Object> study(Study s) {
        Patient p = TciaTestData.patient(s.patientId()).orElseThrow();
        Map<String, Object> row = new LinkedHashMap<>();
        put(row, "StudyInstanceUID", s.uid());
        put(row, "StudyDate", date(s.date()));
        put(row, "StudyDescription", s.description());
        put(row, "PatientAge", s.age());
        put(row, "PatientID", p.id());
        put(row, "PatientName", p.id());
        if (!v4()) {
            put(row, "PatientBirthDate", p.birthDate());
        }
        put(row, "PatientSex", p.sex());
        put(row, "EthnicGroup", p.ethnicGroup());
        put(row, "Collection", s.collection());
        put(row, "SeriesCount", (int) archive.series().stream().filter(x -> x.studyUid().equals(s.uid())).count());
        if (s.offsetFromEvent() != null) {
            put(row, "LongitudinalTemporalEventType", "Admission");
            put(row, "LongitudinalTemporalOffsetFromEvent", s.offsetFromEvent());
        }
        if (v4()) {
            put(row, "Authorized", 1);
        }
        return row;
    }

    /** getSeries: 24 keys in v1, 30 in v4. */
    private Map<String, Object> fullSeries(Series s) {
        Study study = TciaTestData.study(s.studyUid()).orElseThrow();
        Map<String, Object> row = shortSeries(s, null);
        if (v4()) {
            row.remove("PatientID");
            put(row, "Site", "Stony Brook");
            put(row, "PatientID", s.patientId());
            put(row, "PatientSex", TciaTestData.patient(s.patientId()).orElseThrow().sex());
            put(row, "PatientAge", study.age());
            put(row, "MaxSubmissionTimestamp", date(s.timeStamp()));
            put(row, "LicenseName", TciaTestData.LICENSE_NAME);
            put(row, "LicenseURI", "https://creativecommons.org/licenses/by/4.0/");
            put(row, "DataDescriptionURI", "https://doi.org/10.7937/TCIA.EXAMPLE-0001");
            put(row, "FileSize", s.fileSize());
            put(row, "ReleasedStatus", "Yes");
            put(row, "DateReleased", date(s.released()));
            put(row, "StudyDesc", study.description());
            put(row, "StudyDate", date(study.date()));
            put(row, "ThirdPartyAnalysis", "NO");
            put(row, "Authorized", 1);
        } else {
            put(row, "TimeStamp", date(s.timeStamp()));
            put(row, "LicenseName", TciaTestData.LICENSE_NAME);
            put(row, "LicenseURI", "https://creativecommons.org/licenses/by/4.0/");
            put(row, "CollectionURI", "https://doi.org/10.7937/TCIA.EXAMPLE-0001");
            put(row, "FileSize", s.fileSize());
            put(row, "DateReleased", date(s.released()));
            put(row, "StudyDesc", study.description());
            put(row, "StudyDate", date(study.date()));
            put(row, "ThirdPartyAnalysis", "NO");
        }
        return row;
    }

    /** The first 15 keys, plus the release date under {@code releasedKey} if given (v1 getUpdatedSeries, shared lists). */
    private Map<String, Object> shortSeries(Series s, String releasedKey) {
        Map<String, Object> row = new LinkedHashMap<>();
        put(row, "SeriesInstanceUID", s.uid());
        put(row, "StudyInstanceUID", s.studyUid());
        put(row, "Modality", s.modality());
        put(row, "SeriesDate", date(s.seriesDate()));
        put(row, "SeriesDescription", s.description());
        put(row, "BodyPartExamined", s.bodyPart());
        put(row, "SeriesNumber", 1);
        put(row, "AnnotationsFlag", false);
        put(row, "Collection", s.collection());
        put(row, "PatientID", s.patientId());
        put(row, "Manufacturer", s.manufacturer());
        put(row, "ManufacturerModelName", s.model());
        put(row, "SoftwareVersions", "A06");
        put(row, "ImageCount", s.imageCount());
        if (releasedKey != null) {
            put(row, releasedKey, date(s.released()));
        }
        return row;
    }

    private Map<String, Object> metadata(Series s) {
        Study study = TciaTestData.study(s.studyUid()).orElseThrow();
        Map<String, Object> row = new LinkedHashMap<>();
        put(row, "Series UID", s.uid());
        put(row, "Collection", s.collection());
        put(row, "3rd Party Analysis", "NO");
        put(row, "Data Description URI", "https://doi.org/10.7937/TCIA.EXAMPLE-0001");
        put(row, "Subject ID", s.patientId());
        put(row, "Study UID", s.studyUid());
        put(row, "Study Description", study.description());
        put(row, "Study Date", V4_DATE.format(study.date()));
        put(row, "Series Description", s.description());
        put(row, "Manufacturer", s.manufacturer());
        put(row, "Modality", s.modality());
        put(row, "SOP Class UID", "1.2.840.10008.5.1.4.1.1.1");
        put(row, "Number of Images", Integer.toString(s.imageCount()));
        put(row, "File Size", Long.toString(s.fileSize()));
        put(row, "File Location", s.studyUid());
        put(row, "Series Number", "1.000000");
        put(row, "License Name", TciaTestData.LICENSE_NAME);
        put(row, "License URL", "https://creativecommons.org/licenses/by/4.0/");
        put(row, "Date Released", V1_TIMESTAMP.format(s.released()));
        put(row, "Body Part Examined", s.bodyPart());
        put(row, "Manufacturer Model Name", s.model());
        return row;
    }

    private String date(LocalDate date) {
        return date == null ? null : v4() ? V4_DATE.format(date) : V1_TIMESTAMP.format(date.atStartOfDay());
    }

    private String date(LocalDateTime time) {
        return time == null ? null : v4() ? V4_DATE.format(time) : V1_TIMESTAMP.format(time);
    }

    // --- plumbing ---

    private List<Series> series(TestExchange t, String collectionParam, String modalityParam, String bodyPartParam) {
        return archive.series().stream()
                .filter(s -> collectionParam == null || matches(t.param(collectionParam), s.collection()))
                .filter(s -> modalityParam == null || matches(t.param(modalityParam), s.modality()))
                .filter(s -> bodyPartParam == null || matches(t.param(bodyPartParam), s.bodyPart()))
                .toList();
    }

    /** Values in first-seen order; a null value stays in (it becomes {@code {}}). */
    private static List<String> distinct(List<Series> series, Function<Series, String> value) {
        Set<String> out = new LinkedHashSet<>();
        series.forEach(s -> out.add(value.apply(s)));
        return new ArrayList<>(out);
    }

    private void values(TestExchange t, String key, List<String> values) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String value : values) {
            rows.add(value == null ? new LinkedHashMap<>()
                    : row(key, v4() && !key.equals("Collection") && !key.equals("Manufacturer")
                            ? value.toUpperCase(Locale.ROOT) : value));
        }
        rows(t, rows);
    }

    private static Map<String, Object> row(String key, Object value) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(key, value);
        return row;
    }

    /** Case-insensitive, as the DAO compares (v4 upper-cases every filter). */
    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.equalsIgnoreCase(actual);
    }

    private static void put(Map<String, Object> row, String key, Object value) {
        if (value != null) {
            row.put(key, value); // Jettison drops null values: the key is absent, never null
        }
    }

    private void rows(TestExchange t, List<Map<String, Object>> rows) throws IOException {
        if (rows.isEmpty()) {
            t.emptyOk();
            return;
        }
        String format = Objects.requireNonNullElse(t.param("format"), "json");
        switch (format) {
            case "csv" -> t.text(200, "text/csv", csv(rows));
            case "xml" -> t.text(200, "application/xml", xml(rows));
            case "html" -> t.text(200, "text/html", "<html><body><table>" + rows.stream()
                    .map(r -> "<tr>" + r.values().stream().map(v -> "<td>" + v + "</td>").collect(Collectors.joining())
                            + "</tr>").collect(Collectors.joining()) + "</table></body></html>");
            default -> t.json(200, rows);
        }
    }

    /** Multi-column CSV fully double-quoted; single-column lists unquoted. */
    private static String csv(List<Map<String, Object>> rows) {
        Set<String> keys = new LinkedHashSet<>();
        rows.forEach(r -> keys.addAll(r.keySet()));
        boolean quote = keys.size() > 1;
        StringBuilder out = new StringBuilder();
        out.append(keys.stream().map(k -> quote ? "\"" + k + "\"" : k).collect(Collectors.joining(","))).append('\n');
        for (Map<String, Object> row : rows) {
            out.append(keys.stream().map(k -> {
                String v = row.get(k) == null ? "" : row.get(k).toString();
                return quote ? "\"" + v + "\"" : v;
            }).collect(Collectors.joining(","))).append('\n');
        }
        return out.toString();
    }

    private static String xml(List<Map<String, Object>> rows) {
        StringBuilder out = new StringBuilder("<Results>");
        for (Map<String, Object> row : rows) {
            out.append("<Row>");
            row.values().forEach(v -> out.append("<Col type='java.lang.String'>").append(v).append("</Col>"));
            out.append("</Row>");
        }
        return out.append("</Results>").toString();
    }
}
