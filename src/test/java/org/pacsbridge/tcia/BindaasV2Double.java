package org.pacsbridge.tcia;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.pacsbridge.tcia.TciaTestData.Series;

/**
 * The v2 programmatic interface of the brief: {@code /services/v2/TCIA/query/<endpoint>},
 * {@code /services/v2/SharedList/query/ContentsByName}, {@code .../<endpoint>/metadata}; every
 * request needs the {@code api_key} (header or query parameter); empty results are {@code []};
 * the patient key is {@code PatientID}; numbers sometimes arrive as strings.
 */
final class BindaasV2Double {

    static final String API_KEY = "v2-key-7f3a9c1e5b";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final String PREFIX = "/services/v2";

    /** How the last accepted request carried its key: "header" or "query". */
    private volatile String lastKeyTransport;

    String lastKeyTransport() {
        return lastKeyTransport;
    }

    void handle(TestExchange t) throws IOException {
        String header = t.header("api_key");
        String inQuery = t.param("api_key");
        if (API_KEY.equals(header)) {
            lastKeyTransport = "header";
        } else if (API_KEY.equals(inQuery)) {
            lastKeyTransport = "query";
        } else {
            t.text(401, "text/plain", "Unauthorized access");
            return;
        }
        String path = t.path().substring(PREFIX.length());
        if (path.equals("/SharedList/query/ContentsByName")) {
            sharedList(t);
            return;
        }
        if (!path.startsWith("/TCIA/query/")) {
            t.text(404, "text/plain", "Resource not found");
            return;
        }
        String endpoint = path.substring("/TCIA/query/".length());
        if (endpoint.endsWith("/metadata")) {
            description(t, endpoint.substring(0, endpoint.length() - "/metadata".length()));
            return;
        }
        String format = t.param("format") == null ? "json" : t.param("format");
        switch (endpoint) {
            case "getCollectionValues" -> values(t, format, "Collection", TciaTestData.COLLECTIONS);
            case "getModalityValues" -> values(t, format, "Modality",
                    distinct(filtered(t, "Collection", null, "BodyPartExamined"), Series::modality));
            case "getBodyPartValues" -> values(t, format, "BodyPartExamined",
                    distinct(filtered(t, "Collection", "Modality", null), Series::bodyPart));
            case "getManufacturerValues" -> values(t, format, "Manufacturer",
                    distinct(filtered(t, "Collection", "Modality", "BodyPartExamined"), Series::manufacturer));
            case "getPatient" -> answer(t, format, TciaTestData.PATIENTS.stream()
                    .filter(p -> matches(t.param("Collection"), p.collection()))
                    .map(p -> {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("PatientID", p.id());
                        row.put("PatientName", p.id());
                        putIfPresent(row, "PatientSex", p.sex());
                        putIfPresent(row, "EthnicGroup", p.ethnicGroup());
                        row.put("Collection", p.collection());
                        return row;
                    }).toList());
            case "getPatientStudy" -> answer(t, format, TciaTestData.STUDIES.stream()
                    .filter(s -> matches(t.param("Collection"), s.collection()))
                    .filter(s -> matches(t.param("PatientID"), s.patientId()))
                    .filter(s -> matches(t.param("StudyInstanceUID"), s.uid()))
                    .map(s -> {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("StudyInstanceUID", s.uid());
                        row.put("StudyDate", ISO.format(s.date()));
                        putIfPresent(row, "StudyDescription", s.description());
                        row.put("PatientID", s.patientId());
                        row.put("Collection", s.collection());
                        row.put("SeriesCount", Long.toString(TciaTestData.SERIES.stream()
                                .filter(x -> x.studyUid().equals(s.uid())).count()));
                        return row;
                    }).toList());
            case "getSeries" -> answer(t, format, TciaTestData.SERIES.stream()
                    .filter(s -> matches(t.param("Collection"), s.collection()))
                    .filter(s -> matches(t.param("StudyInstanceUID"), s.studyUid()))
                    .filter(s -> matches(t.param("PatientID"), s.patientId()))
                    .filter(s -> matches(t.param("SeriesInstanceUID"), s.uid()))
                    .map(BindaasV2Double::series).toList());
            case "getSeriesSize" -> seriesSize(t, format);
            case "getImage" -> image(t);
            default -> t.text(404, "text/plain", "Resource not found");
        }
    }

    private void sharedList(TestExchange t) throws IOException {
        String name = t.param("name");
        if (name == null) {
            t.text(400, "text/plain", "name is required");
            return;
        }
        answer(t, "json", TciaTestData.SHARED_LISTS.getOrDefault(name, List.of()).stream()
                .map(uid -> series(TciaTestData.series(uid).orElseThrow())).toList());
    }

    private void seriesSize(TestExchange t, String format) throws IOException {
        String uid = t.param("SeriesInstanceUID");
        if (uid == null) {
            t.text(400, "text/plain", "SeriesInstanceUID is required");
            return;
        }
        answer(t, format, TciaTestData.series(uid).map(s -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("TotalSizeInBytes", s.fileSize() + ".0"); // consumed as int(float(x)) by clients
            row.put("ObjectCount", Integer.toString(s.imageCount()));
            return List.of(row);
        }).orElse(List.of()));
    }

    private void image(TestExchange t) throws IOException {
        String uid = t.param("SeriesInstanceUID");
        if (uid == null) {
            t.text(400, "text/plain", "SeriesInstanceUID is required");
            return;
        }
        var series = TciaTestData.series(uid);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Disposition", "attachment; filename=" + uid + ".zip");
        headers.put("imageCount", Integer.toString(series.map(Series::imageCount).orElse(0)));
        // an unknown series still gets a (empty) ZIP
        t.stream("application/zip", headers, out -> {
            if (series.isPresent()) {
                NbiaApiDouble.writeSeriesZip(out, series.get(), false, false, false);
            } else {
                TestZips.write(List.of(), out);
            }
        });
    }

    private void description(TestExchange t, String endpoint) throws IOException {
        if (!List.of("getCollectionValues", "getModalityValues", "getBodyPartValues", "getManufacturerValues",
                "getPatient", "getPatientStudy", "getSeries", "getSeriesSize", "getImage").contains(endpoint)) {
            t.text(404, "text/plain", "Resource not found");
            return;
        }
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("name", endpoint);
        description.put("description", "Returns the " + endpoint.substring(3) + " of the archive");
        description.put("parameters", List.of(Map.of("name", "Collection", "required", false)));
        description.put("returnTypes", List.of("CSV", "HTML", "XML", "JSON"));
        t.json(200, description);
    }

    private static Map<String, Object> series(Series s) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("SeriesInstanceUID", s.uid());
        row.put("StudyInstanceUID", s.studyUid());
        row.put("Modality", s.modality());
        row.put("SeriesDate", ISO.format(s.seriesDate()));
        putIfPresent(row, "SeriesDescription", s.description());
        putIfPresent(row, "BodyPartExamined", s.bodyPart());
        row.put("SeriesNumber", "1");
        row.put("AnnotationsFlag", "false");
        row.put("Collection", s.collection());
        row.put("PatientID", s.patientId());
        row.put("Manufacturer", s.manufacturer());
        row.put("ManufacturerModelName", s.model());
        row.put("SoftwareVersions", "A06");
        row.put("ImageCount", Integer.toString(s.imageCount()));
        return row;
    }

    private List<Series> filtered(TestExchange t, String collection, String modality, String bodyPart) {
        return TciaTestData.SERIES.stream()
                .filter(s -> collection == null || matches(t.param(collection), s.collection()))
                .filter(s -> modality == null || matches(t.param(modality), s.modality()))
                .filter(s -> bodyPart == null || matches(t.param(bodyPart), s.bodyPart()))
                .toList();
    }

    private static List<String> distinct(List<Series> series, Function<Series, String> value) {
        Set<String> out = new LinkedHashSet<>();
        series.stream().map(value).filter(v -> v != null).forEach(out::add);
        return new ArrayList<>(out);
    }

    private void values(TestExchange t, String format, String key, List<String> values) throws IOException {
        answer(t, format, values.stream().map(v -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(key, v);
            return row;
        }).toList());
    }

    /** JSON arrays, [] when empty; the other formats roughly. */
    private static void answer(TestExchange t, String format, List<Map<String, Object>> rows) throws IOException {
        switch (format) {
            case "json" -> t.json(200, rows);
            case "csv" -> t.text(200, "text/csv", rows.stream()
                    .map(r -> r.values().stream().map(String::valueOf).collect(Collectors.joining(",")))
                    .collect(Collectors.joining("\n", "", "\n")));
            case "xml" -> t.text(200, "application/xml", "<results>" + rows.stream()
                    .map(r -> "<result>" + r.entrySet().stream().map(e -> "<" + e.getKey() + ">" + e.getValue()
                            + "</" + e.getKey() + ">").collect(Collectors.joining()) + "</result>")
                    .collect(Collectors.joining()) + "</results>");
            case "html" -> t.text(200, "text/html", "<table>" + rows.size() + " rows</table>");
            default -> t.text(400, "text/plain", "Unsupported format " + format);
        }
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.equalsIgnoreCase(actual);
    }

    private static void putIfPresent(Map<String, Object> row, String key, Object value) {
        if (value != null) {
            row.put(key, value);
        }
    }
}
