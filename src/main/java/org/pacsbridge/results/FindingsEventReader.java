package org.pacsbridge.results;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.pacsbridge.model.FindingCatalogue;
import org.pacsbridge.model.FindingCatalogue.Finding;
import org.pacsbridge.model.FindingThresholds;
import org.pacsbridge.model.XraydarResult;
import org.pacsbridge.model.XraydarResult.FindingProbability;

/**
 * Reads a CV findings event ({@code pacs-bridge.findings/v1}, source {@code cv}) back into what
 * its SR and its ORU are built from. The event carries the image's original Study, Series and SOP Instance
 * UIDs, SOP Class, accession number and (with {@code pacs.findings.include-patient-id}) the Patient
 * ID; Patient's Name, Birth Date and Sex are not in it and stay empty in the SR.
 */
public final class FindingsEventReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FindingsEventReader() {
    }

    /**
     * @param engineVersion      the engine's version when the event names none
     * @param engineManufacturer who makes the algorithm
     * @throws SrRefusedException if the text is not a CV findings event a result can be built from (the
     *                            SR's and the ORU's reason alike)
     */
    public static FindingsSrInput read(String event, String engineVersion, String engineManufacturer) {
        JsonNode root;
        try {
            root = event == null ? null : JSON.readTree(event);
        } catch (JsonProcessingException e) {
            throw new SrRefusedException("findings event refused: the record is not JSON");
        }
        if (root == null || !root.isObject() || !"cv".equals(root.path("source").asText(null))) {
            throw new SrRefusedException("findings event refused: not a CV findings event");
        }
        JsonNode study = root.path("study");
        JsonNode image = root.path("image");
        ReportedImage reported = new ReportedImage(null, text(study, "patientId"), null, null, null,
                text(study, "studyInstanceUid"), text(study, "accessionNumber"), null, null, null, null, null,
                text(image, "seriesInstanceUid"), text(image, "sopClassUid"), text(image, "sopInstanceUid"));

        List<FindingProbability> findings = new ArrayList<>();
        Map<String, Double> thresholds = new HashMap<>();
        for (JsonNode f : root.path("findings")) {
            String code = text(f, "code");
            Finding finding = FindingCatalogue.byCode(code == null ? "" : code)
                    .orElseThrow(() -> new SrRefusedException("findings event refused: unknown finding code " + code));
            if (!f.path("probability").isNumber() || !f.path("threshold").isNumber()) {
                throw new SrRefusedException("findings event refused: no probability or threshold for " + code);
            }
            findings.add(new FindingProbability(finding, f.path("probability").doubleValue()));
            thresholds.put(code, f.path("threshold").doubleValue());
        }
        List<String> missing = new ArrayList<>();
        root.path("contractNotes").path("missingCodes").forEach(m -> missing.add(m.asText()));
        XraydarResult result = new XraydarResult(text(root, "urgency"), findings, List.of(), missing);

        JsonNode engineNode = root.path("engine");
        String name = text(engineNode, "name");
        String version = text(engineNode, "version");
        ReportingEngine engine = new ReportingEngine(name == null ? "x-raydar-cv" : name,
                version == null ? engineVersion : version, engineManufacturer,
                engineNode.path("simulated").asBoolean(false));

        Instant completedAt;
        try {
            String at = text(root.path("timing"), "completedAt");
            completedAt = at == null ? Instant.now() : Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new SrRefusedException("findings event refused: timing.completedAt is not an instant");
        }
        return new FindingsSrInput(reported, result, new FindingThresholds(0.5, thresholds), engine, completedAt);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
