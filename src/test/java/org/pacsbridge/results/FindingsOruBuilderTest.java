package org.pacsbridge.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.v251.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

import org.junit.jupiter.api.Test;
import org.pacsbridge.model.XraydarResult;

class FindingsOruBuilderTest {

    static final OruHeader HEADER = new OruHeader("RIS", "RADIOLOGY",
            new Code("XRAYDAR-CXR", "99XRAYDAR", "Chest X-ray AI analysis"));

    private static final HapiContext HAPI = new DefaultHapiContext(ValidationContextFactory.defaultValidation());

    static FindingsSrInput input(ReportedImage image, ReportingEngine engine) {
        return new FindingsSrInput(image, FindingsSrBuilderTest.result(), FindingsSrBuilderTest.THRESHOLDS, engine,
                FindingsSrBuilderTest.COMPLETED);
    }

    static ORU_R01 parse(String er7) throws HL7Exception {
        return (ORU_R01) HAPI.getPipeParser().parse(er7);
    }

    private static ORU_R01 sample() throws HL7Exception {
        return parse(FindingsOruBuilder.build(input(FindingsSrBuilderTest.IMAGE, FindingsSrBuilderTest.ENGINE),
                HEADER).er7());
    }

    private static List<OBX> observations(ORU_R01 oru) throws HL7Exception {
        List<OBX> all = new ArrayList<>();
        ORU_R01_ORDER_OBSERVATION order = oru.getPATIENT_RESULT().getORDER_OBSERVATION();
        for (int i = 0; i < order.getOBSERVATIONReps(); i++) {
            all.add(order.getOBSERVATION(i).getOBX());
        }
        return all;
    }

    private static OBX observation(ORU_R01 oru, String code) throws HL7Exception {
        return observations(oru).stream()
                .filter(o -> code.equals(o.getObservationIdentifier().getIdentifier().getValue())).findFirst()
                .orElseThrow(() -> new AssertionError("no OBX " + code));
    }

    @Test
    void hapiReadsBackAPreliminaryResultOfTheImagesOrder() throws HL7Exception {
        ORU_R01 oru = sample();

        assertEquals("ORU", oru.getMSH().getMessageType().getMessageCode().getValue());
        assertEquals("R01", oru.getMSH().getMessageType().getTriggerEvent().getValue());
        assertEquals("2.5.1", oru.getMSH().getVersionID().getVersionID().getValue());
        assertEquals("P", oru.getMSH().getProcessingID().getProcessingID().getValue());
        assertEquals("PACS-BRIDGE", oru.getMSH().getSendingApplication().getNamespaceID().getValue());
        assertEquals("RIS", oru.getMSH().getReceivingApplication().getNamespaceID().getValue());
        assertEquals("RADIOLOGY", oru.getMSH().getReceivingFacility().getNamespaceID().getValue());
        assertEquals("PID123", oru.getPATIENT_RESULT().getPATIENT().getPID().getPatientIdentifierList(0)
                .getIDNumber().getValue());
        var obr = oru.getPATIENT_RESULT().getORDER_OBSERVATION().getOBR();
        assertEquals("ACC2024-0001", obr.getFillerOrderNumber().getEntityIdentifier().getValue());
        assertEquals("XRAYDAR-CXR", obr.getUniversalServiceIdentifier().getIdentifier().getValue());
        assertEquals("Chest X-ray AI analysis", obr.getUniversalServiceIdentifier().getText().getValue());
        assertEquals("P", obr.getResultStatus().getValue());
        assertEquals("20261207101530+0000", obr.getObservationDateTime().getTime().getValue());
        for (OBX obx : observations(oru)) {
            assertEquals("P", obx.getObservationResultStatus().getValue());
        }
    }

    @Test
    void oneObxPerFindingPlusStudyUrgencyAndEngine() throws HL7Exception {
        ORU_R01 oru = sample();
        int findings = FindingsSrBuilderTest.result().findings().size();

        List<OBX> all = observations(oru);
        assertEquals(findings + 3, all.size());
        assertEquals(findings, all.stream().filter(o -> "NM".equals(o.getValueType().getValue())).count());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(String.valueOf(i + 1), all.get(i).getSetIDOBX().getValue());
        }
        OBX study = observation(oru, "110180");
        assertEquals("DCM", study.getObservationIdentifier().getNameOfCodingSystem().getValue());
        assertEquals(FindingsSrBuilderTest.IMAGE.studyInstanceUid(), study.getObservationValue(0).getData().encode());
        OBX urgency = observation(oru, "urgency");
        assertEquals("CWE", urgency.getValueType().getValue());
        assertEquals("urgent^Urgent^99XRAYDAR", urgency.getObservationValue(0).getData().encode());
        assertEquals("x-raydar-cv 1.4.2", observation(oru, "111001").getObservationValue(0).getData().encode());
    }

    @Test
    void aFindingCarriesItsCodeProbabilityInPercentAndTheFlagAtItsThreshold() throws HL7Exception {
        ORU_R01 oru = sample();

        OBX pneumothorax = observation(oru, "36118008");
        assertEquals("SCT", pneumothorax.getObservationIdentifier().getNameOfCodingSystem().getValue());
        assertEquals("Pneumothorax", pneumothorax.getObservationIdentifier().getText().getValue());
        assertEquals("99XRAYDAR", pneumothorax.getObservationIdentifier().getNameOfAlternateCodingSystem().getValue());
        assertEquals("87.31", pneumothorax.getObservationValue(0).getData().encode());
        assertEquals("%", pneumothorax.getUnits().getIdentifier().getValue());
        assertEquals("UCUM", pneumothorax.getUnits().getNameOfCodingSystem().getValue());
        assertEquals("A", pneumothorax.getAbnormalFlags(0).getValue());
        assertEquals("<50", pneumothorax.getReferencesRange().getValue());

        OBX effusion = observation(oru, "60046008");
        assertEquals("50", effusion.getObservationValue(0).getData().encode());
        assertEquals("A", effusion.getAbnormalFlags(0).getValue(), "at the threshold is flagged");

        OBX cardiomegaly = observation(oru, "8186001");
        assertEquals("<30", cardiomegaly.getReferencesRange().getValue(), "its own threshold");
        assertEquals("A", cardiomegaly.getAbnormalFlags(0).getValue());

        String consolidationKey = FindingsSrBuilderTest.finding("consolidation", 0).finding().modelKey();
        OBX consolidation = observation(oru, consolidationKey);
        assertEquals("99XRAYDAR", consolidation.getObservationIdentifier().getNameOfCodingSystem().getValue());
        assertEquals("49.99", consolidation.getObservationValue(0).getData().encode());
        assertEquals(null, consolidation.getAbnormalFlags(0).getValue(), "just below: no flag");
    }

    @Test
    void aSimulatedEngineIsMarked() throws HL7Exception {
        ReportingEngine simulator = new ReportingEngine("x-raydar-simulator", "0.1", "X-Raydar", true);
        ORU_R01 oru = parse(FindingsOruBuilder.build(input(FindingsSrBuilderTest.IMAGE, simulator), HEADER).er7());

        assertEquals("x-raydar-simulator 0.1 (SIMULATED, not model output)",
                observation(oru, "111001").getObservationValue(0).getData().encode());
    }

    @Test
    void theSameImageAndEngineGiveTheSameControlIdOfTwentyCharacters() throws HL7Exception {
        FindingsOru first = FindingsOruBuilder.build(input(FindingsSrBuilderTest.IMAGE, FindingsSrBuilderTest.ENGINE),
                HEADER);
        FindingsOru again = FindingsOruBuilder.build(input(FindingsSrBuilderTest.IMAGE, FindingsSrBuilderTest.ENGINE),
                HEADER);
        FindingsOru newerEngine = FindingsOruBuilder.build(input(FindingsSrBuilderTest.IMAGE,
                new ReportingEngine("x-raydar-cv", "1.5.0", "X-Raydar", false)), HEADER);

        assertEquals(first.controlId(), again.controlId());
        assertEquals(20, first.controlId().length());
        assertEquals(first.controlId(), parse(first.er7()).getMSH().getMessageControlID().getValue());
        assertNotEquals(first.controlId(), newerEngine.controlId());
        assertFalse(Files.exists(Path.of("id_file")), "no control id file of HAPI's in the working directory");
    }

    @Test
    void onlyTheEventsIdentityIsSentNeverAPseudonym() throws HL7Exception {
        ReportedImage noPatient = new ReportedImage(null, null, null, null, null, null, "ACC-9", null, null, null,
                null, null, "1.2.3.2", "1.2.840.10008.5.1.4.1.1.1", "1.2.3.3");
        String er7 = FindingsOruBuilder.build(input(noPatient, FindingsSrBuilderTest.ENGINE), HEADER).er7();
        ORU_R01 oru = parse(er7);

        assertEquals(null, oru.getPATIENT_RESULT().getPATIENT().getPID().getPatientIdentifierList(0).getIDNumber()
                .getValue(), "no Patient ID in the event: none in PID-3");
        assertFalse(er7.contains("PSEUDO"), er7);
        assertFalse(er7.contains("110180"), "no Study Instance UID: no study OBX");
        assertEquals(FindingsSrBuilderTest.result().findings().size() + 2, observations(oru).size());
        assertEquals("ACC-9", oru.getPATIENT_RESULT().getORDER_OBSERVATION().getOBR().getFillerOrderNumber()
                .getEntityIdentifier().getValue());
    }

    @Test
    void anImageWithNeitherAccessionNorStudyIsRefused() {
        ReportedImage anonymous = new ReportedImage(null, "P1", null, null, null, null, null, null, null, null, null,
                null, "1.2.3.2", "1.2.840.10008.5.1.4.1.1.1", "1.2.3.3");
        OruRefusedException refused = assertThrows(OruRefusedException.class,
                () -> FindingsOruBuilder.build(input(anonymous, FindingsSrBuilderTest.ENGINE), HEADER));
        assertTrue(refused.getMessage().contains("neither an accession number nor a Study Instance UID"),
                refused.getMessage());
    }

    @Test
    void aResultWithoutUrgencyHasNoUrgencyObx() throws HL7Exception {
        XraydarResult noUrgency = new XraydarResult(null, FindingsSrBuilderTest.result().findings(), List.of(),
                List.of());
        ORU_R01 oru = parse(FindingsOruBuilder.build(new FindingsSrInput(FindingsSrBuilderTest.IMAGE, noUrgency,
                FindingsSrBuilderTest.THRESHOLDS, FindingsSrBuilderTest.ENGINE, FindingsSrBuilderTest.COMPLETED),
                HEADER).er7());
        assertEquals(noUrgency.findings().size() + 2, observations(oru).size());
    }
}
