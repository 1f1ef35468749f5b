package org.pacsbridge.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    private static JsonSchema schema;
    private final ReportJson json = new ReportJson();
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("docs/schemas/report-v1.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        }
    }

    private static Report extracted() throws Exception {
        String message = TestMessages.oru("2.5.1") + "ZDS|1.2.826.0.1.3680043.8.498.1^PACS^Application^DICOM\r";
        return new ReportExtractor(Clock.fixed(Instant.parse("2024-03-15T09:20:00Z"), ZoneId.of("UTC")))
                .extract(new Hl7MessageParser().parse(message), new ExtractionSettings(ExtractionSettings.DEFAULT_ACCESSION_FIELDS, ZoneId.of("Europe/Berlin")));
    }

    @Test
    void roundTripKeepsEverythingButIdentity() throws Exception {
        Report report = extracted();
        Report back = json.fromJson(json.toJson(report));
        assertTrue(report.identity().names().contains("Schmidt"));
        // identity fields are never written: read back, only the report's own patient ID and accession remain
        assertEquals(PatientIdentity.builder().identifier(report.patientId()).identifier(report.accessionNumber()).build(),
                back.identity());
        assertEquals(new Report(report.schema(), report.reportId(), report.version(), report.messageControlId(), report.messageType(),
                report.hl7Version(), report.sendingApplication(), report.sendingFacility(), report.accessionNumber(), report.patientId(),
                report.patientIdAssigningAuthority(), report.patientIdTypeCode(), report.studyInstanceUid(), report.procedureCode(),
                report.procedureText(), report.procedureCodingSystem(), report.status(), report.hl7Status(), report.observationTime(),
                report.receivedAt(), report.reportText(), back.identity()), back);
    }

    @Test
    void jsonHasTheDocumentedShapeAndNoIdentity() throws Exception {
        JsonNode node = mapper.readTree(json.toJson(extracted()));
        assertEquals("pacs-bridge.report/v1", node.get("schema").asText());
        assertEquals("2024-03-15T09:30:00+01:00", node.get("observationTime").asText());
        assertEquals("2024-03-15T09:20:00Z", node.get("receivedAt").asText());
        assertEquals("FINAL", node.get("status").asText());
        assertTrue(node.get("version").isIntegralNumber());
        assertFalse(node.has("identity"));
        assertFalse(node.toString().contains("19640723"));
        assertFalse(node.toString().contains("Anna"));
    }

    @Test
    void writtenJsonValidatesAgainstTheSchema() throws Exception {
        Set<ValidationMessage> errors = schema.validate(mapper.readTree(json.toJson(extracted())));
        assertTrue(errors.isEmpty(), errors::toString);
    }

    @Test
    void schemaRejectsWhatFromJsonRejects() throws Exception {
        ObjectNode node = (ObjectNode) mapper.readTree(json.toJson(extracted()));
        for (String field : new String[] {"accessionNumber", "reportText", "status"}) {
            ObjectNode copy = node.deepCopy();
            copy.remove(field);
            assertFalse(schema.validate(copy).isEmpty(), field);
            assertThrows(ReportFormatException.class, () -> json.fromJson(copy.toString()), field);
        }
        ObjectNode badStatus = node.deepCopy();
        badStatus.put("status", "DONE");
        assertFalse(schema.validate(badStatus).isEmpty());
        ReportFormatException e = assertThrows(ReportFormatException.class, () -> json.fromJson(badStatus.toString()));
        assertEquals("invalid value for status", e.getMessage());
    }

    @Test
    void minimalReportIsAccepted() throws Exception {
        String minimal = "{\"accessionNumber\":\"A1\",\"status\":\"PRELIMINARY\",\"reportText\":\"Lungs clear.\"}";
        assertTrue(schema.validate(mapper.readTree(minimal)).isEmpty());
        Report r = json.fromJson(minimal);
        assertEquals(Report.SCHEMA, r.schema());
        assertEquals(ReportStatus.PRELIMINARY, r.status());
        assertEquals(PatientIdentity.builder().identifier("A1").build(), r.identity());
    }

    @Test
    void formatErrorsNameTheProblemNotTheContent() {
        assertEquals("accessionNumber is missing",
                assertThrows(ReportFormatException.class, () -> json.fromJson("{\"status\":\"FINAL\",\"reportText\":\"x\"}")).getMessage());
        assertEquals("reportText must be a non-empty string",
                assertThrows(ReportFormatException.class, () -> json.fromJson("{\"accessionNumber\":\"A\",\"status\":\"FINAL\",\"reportText\":\" \"}")).getMessage());
        assertEquals("schema is not pacs-bridge.report/v1",
                assertThrows(ReportFormatException.class,
                        () -> json.fromJson("{\"schema\":\"other/v2\",\"accessionNumber\":\"A\",\"status\":\"FINAL\",\"reportText\":\"x\"}")).getMessage());
        ReportFormatException broken = assertThrows(ReportFormatException.class, () -> json.fromJson("{\"reportText\":\"Müller, Anna"));
        assertTrue(broken.getMessage().startsWith("not valid JSON"), broken.getMessage());
        assertFalse(broken.getMessage().contains("Müller"));
        assertEquals("invalid value for observationTime", assertThrows(ReportFormatException.class,
                () -> json.fromJson("{\"accessionNumber\":\"A\",\"status\":\"FINAL\",\"reportText\":\"x\",\"observationTime\":\"Müller\"}")).getMessage());
        assertThrows(ReportFormatException.class, () -> json.fromJson("[1]"));
        assertThrows(ReportFormatException.class, () -> json.fromJson(""));
        assertThrows(ReportFormatException.class, () -> json.fromJson(null));
    }

    @Test
    void identityFieldsAreReadForScrubbingAndValidateAgainstTheSchema() throws Exception {
        String accession = "ACW1";
        String value = org.pacsbridge.testing.IdentifyingReports.json(accession);
        assertTrue(schema.validate(mapper.readTree(value)).isEmpty(), () -> schema.validate(value, com.networknt.schema.InputFormat.JSON).toString());
        PatientIdentity identity = json.fromJson(value).identity();
        assertTrue(identity.names().containsAll(java.util.List.of("Featherstonehaugh", "Rosalind", "Imogen", "Margery Blackwood")));
        assertTrue(identity.identifiers().containsAll(java.util.List.of("MRN48151623", accession, "9434765919")));
        assertEquals(java.util.List.of(java.time.LocalDate.of(1961, 3, 12)), identity.dates());
        assertTrue(identity.addresses().contains("HX7 8QP"));
        assertTrue(identity.phones().contains("07700 900461"));
        assertEquals(java.util.List.of("rosalind.f@example.org"), identity.emails());
        assertEquals(java.util.List.of("Anna Maria Schmidt"), json.fromJson(
                "{\"accessionNumber\":\"A\",\"status\":\"FINAL\",\"reportText\":\"x\",\"patientName\":\"Anna Maria Schmidt\"}").identity().names());
    }

    @Test
    void identityFieldsAreNeverWritten() throws Exception {
        String written = json.toJson(json.fromJson(org.pacsbridge.testing.IdentifyingReports.json("ACW2")));
        for (String field : new String[] {"patientName", "birthDate", "otherNames", "otherIds", "addresses", "phones", "emails"}) {
            assertFalse(mapper.readTree(written).has(field), field);
        }
    }

    @Test
    void identityFieldsOfTheWrongShapeAreRefusedNamingTheField() throws Exception {
        String base = "{\"accessionNumber\":\"A\",\"status\":\"FINAL\",\"reportText\":\"x\",";
        String[][] cases = {
                {"\"birthDate\":\"12/03/1961\"}", "birthDate"},
                {"\"birthDate\":19610312}", "birthDate"},
                {"\"patientName\":[\"Müller\"]}", "patientName"},
                {"\"patientName\":{\"family\":7}}", "patientName.family"},
                {"\"patientName\":{\"given\":{\"a\":1}}}", "patientName.given"},
                {"\"otherIds\":\"4711\"}", "otherIds"},
                {"\"phones\":[5551234]}", "phones"},
                {"\"patientId\":4711}", "patientId"}};
        for (String[] c : cases) {
            ReportFormatException e = assertThrows(ReportFormatException.class, () -> json.fromJson(base + c[0]), c[0]);
            assertEquals("invalid value for " + c[1], e.getMessage());
            assertFalse(e.getMessage().contains("Müller") || e.getMessage().contains("4711") || e.getMessage().contains("1961"));
        }
        assertFalse(schema.validate(mapper.readTree(base + cases[0][0])).isEmpty(), "schema: birthDate must be a date");
        assertFalse(schema.validate(mapper.readTree(base + cases[5][0])).isEmpty(), "schema: otherIds must be an array");
    }

    @Test
    void aReportWithoutReportIdGetsTheOneHl7WouldGiveIt() throws Exception {
        Report fromHl7 = extracted();
        Report fromJson = json.fromJson("{\"sendingFacility\":\"" + fromHl7.sendingFacility() + "\",\"sendingApplication\":\""
                + fromHl7.sendingApplication() + "\",\"accessionNumber\":\"" + fromHl7.accessionNumber()
                + "\",\"status\":\"FINAL\",\"reportText\":\"x\"}");
        assertEquals(fromHl7.reportId(), fromJson.reportId());
        assertFalse(json.fromJson("{\"accessionNumber\":\"B\",\"status\":\"FINAL\",\"reportText\":\"x\"}").reportId()
                .equals(json.fromJson("{\"accessionNumber\":\"C\",\"status\":\"FINAL\",\"reportText\":\"x\"}").reportId()));
        assertEquals("kept", json.fromJson("{\"reportId\":\"kept\",\"accessionNumber\":\"B\",\"status\":\"FINAL\",\"reportText\":\"x\"}").reportId());
    }

    @Test
    void unknownPropertiesAreIgnored() throws Exception {
        assertEquals("A", json.fromJson("{\"accessionNumber\":\"A\",\"status\":\"FINAL\",\"reportText\":\"x\",\"future\":1}").accessionNumber());
    }

    @Test
    void detectsSource() {
        assertEquals(ReportSource.ER7, ReportSource.detect(TestMessages.oru("2.5.1")));
        assertEquals(ReportSource.ER7, ReportSource.detect("\ufeff \r\nMSH|^~\\&|"));
        assertEquals(ReportSource.ER7, ReportSource.detect("\u000bMSH|^~\\&|"));
        assertEquals(ReportSource.JSON, ReportSource.detect("  {\"accessionNumber\":\"A\"}"));
        assertEquals(ReportSource.JSON, ReportSource.detect("\ufeff{}"));
        assertEquals(ReportSource.UNKNOWN, ReportSource.detect("[1,2]"));
        assertEquals(ReportSource.UNKNOWN, ReportSource.detect("PID|1"));
        assertEquals(ReportSource.UNKNOWN, ReportSource.detect("   "));
        assertEquals(ReportSource.UNKNOWN, ReportSource.detect(null));
    }
}
