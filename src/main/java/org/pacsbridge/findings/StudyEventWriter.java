package org.pacsbridge.findings;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes the study event (docs/schemas/study-v1.json) and the alert event (docs/schemas/alert-v1.json). */
public final class StudyEventWriter {

    public static final String STUDY_SCHEMA = "pacs-bridge.study/v1";
    public static final String ALERT_SCHEMA = "pacs-bridge.alert/v1";

    private final ObjectMapper json;
    private final FrontalViews frontal;

    public StudyEventWriter(ObjectMapper json, FrontalViews frontal) {
        this.json = json;
        this.frontal = frontal;
    }

    public ObjectNode study(StudyState state, List<StudyFinding> findings, List<Alert> alerts, String updatedBy) {
        ObjectNode event = json.createObjectNode();
        event.put("schema", STUDY_SCHEMA);
        event.put("eventId", UUID.randomUUID().toString());
        event.put("revision", state.revision());
        event.put("updatedBy", updatedBy);
        event.set("study", study(state.study()));
        event.put("simulated", simulated(state));
        ObjectNode urgency = event.putObject("urgency");
        putNullable(urgency, "image", StudyFindings.imageUrgency(state, frontal));
        if (state.report() != null && state.report().urgency() == null) {
            // the report's answer carried no urgency (the NLP model grades none): derived, and said so
            urgency.put("report", DerivedUrgency.of(state.report().probabilities()));
            urgency.put("reportDerived", true);
        } else {
            putNullable(urgency, "report", state.report() == null ? null : state.report().urgency());
        }
        ArrayNode images = event.putArray("images");
        for (ImageRead image : state.images()) {
            ObjectNode i = images.addObject();
            i.put("sopInstanceUid", image.sopInstanceUid());
            putIfPresent(i, "seriesInstanceUid", image.seriesInstanceUid());
            putIfPresent(i, "viewPosition", image.viewPosition());
            i.put("frontal", frontal.isFrontal(image));
            putNullable(i, "urgency", image.urgency());
            i.set("engine", engine(image.engine()));
            i.put("completedAt", image.completedAt().toString());
        }
        if (state.report() != null) {
            ReportRead r = state.report();
            ObjectNode report = event.putObject("report");
            report.put("reportId", r.reportId());
            report.put("status", r.status());
            report.put("version", Long.toString(r.version()));
            putNullable(report, "urgency", r.urgency());
            report.set("engine", engine(r.engine()));
            report.put("completedAt", r.completedAt().toString());
        }
        ArrayNode rows = event.putArray("findings");
        for (StudyFinding f : findings) {
            ObjectNode row = rows.addObject();
            row.put("code", f.code());
            row.put("label", f.label());
            if (f.imageProbability() == null) {
                row.putNull("image");
            } else {
                ObjectNode image = row.putObject("image");
                image.put("probability", f.imageProbability());
                image.put("sopInstanceUid", f.imageSopInstanceUid());
            }
            if (f.reportProbability() == null) {
                row.putNull("report");
            } else {
                row.putObject("report").put("probability", f.reportProbability());
            }
        }
        ArrayNode active = event.putArray("alerts");
        for (Alert alert : alerts) {
            ObjectNode a = active.addObject();
            a.put("rule", alert.rule());
            if (alert.finding() != null) {
                a.put("finding", alert.finding().code());
            }
            putIfPresent(a, "urgency", alert.urgency());
            a.put("reason", alert.reason());
            Instant raisedAt = state.raisedAt(alert.key());
            if (raisedAt != null) {
                a.put("raisedAt", raisedAt.toString());
            }
        }
        ObjectNode timing = event.putObject("timing");
        timing.put("openedAt", state.openedAt().toString());
        timing.put("updatedAt", state.updatedAt().toString());
        return event;
    }

    public ObjectNode alert(StudyState state, Alert alert, Instant raisedAt) {
        ObjectNode event = json.createObjectNode();
        event.put("schema", ALERT_SCHEMA);
        event.put("alertId", UUID.randomUUID().toString());
        event.put("rule", alert.rule());
        event.put("reason", alert.reason());
        event.set("study", study(state.study()));
        event.put("simulated", simulated(state));
        if (alert.finding() != null) {
            StudyFinding f = alert.finding();
            ObjectNode finding = event.putObject("finding");
            finding.put("code", f.code());
            finding.put("label", f.label());
            event.put("imageProbability", f.imageProbability());
            event.put("reportProbability", f.reportProbability());
            DiscrepancyRules.Thresholds t = alert.thresholds();
            ObjectNode thresholds = event.putObject("thresholds");
            thresholds.put("imageHigh", t.imageHigh());
            thresholds.put("reportLow", t.reportLow());
            thresholds.put("reportHigh", t.reportHigh());
            thresholds.put("imageLow", t.imageLow());
        }
        putIfPresent(event, "urgency", alert.urgency());
        if (alert.sopInstanceUid() != null) {
            event.putObject("image").put("sopInstanceUid", alert.sopInstanceUid());
        }
        if (state.report() != null && alert.finding() != null) {
            ObjectNode report = event.putObject("report");
            report.put("reportId", state.report().reportId());
            report.put("version", Long.toString(state.report().version()));
            report.put("status", state.report().status());
        }
        event.put("raisedAt", raisedAt.toString());
        return event;
    }

    private static boolean simulated(StudyState state) {
        boolean simulated = state.report() != null && state.report().engine().simulated();
        for (ImageRead image : state.images()) {
            simulated |= image.engine().simulated();
        }
        return simulated;
    }

    private ObjectNode study(StudyIds ids) {
        ObjectNode study = json.createObjectNode();
        putIfPresent(study, "accessionNumber", ids.accessionNumber());
        putIfPresent(study, "studyInstanceUid", ids.studyInstanceUid());
        putIfPresent(study, "patientId", ids.patientId());
        return study;
    }

    private ObjectNode engine(EngineInfo engine) {
        ObjectNode node = json.createObjectNode();
        node.put("name", engine.name());
        node.put("simulated", engine.simulated());
        putIfPresent(node, "modelVersion", engine.modelVersion());
        return node;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putNullable(ObjectNode node, String field, String value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
