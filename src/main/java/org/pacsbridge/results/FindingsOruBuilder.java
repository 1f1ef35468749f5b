package org.pacsbridge.results;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Objects;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.v251.datatype.CE;
import ca.uhn.hl7v2.model.v251.datatype.CWE;
import ca.uhn.hl7v2.model.v251.datatype.NM;
import ca.uhn.hl7v2.model.v251.datatype.ST;
import ca.uhn.hl7v2.model.v251.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v251.group.ORU_R01_PATIENT_RESULT;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.model.v251.segment.OBR;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import ca.uhn.hl7v2.model.v251.segment.ORC;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

import org.pacsbridge.model.FindingThresholds;
import org.pacsbridge.model.XraydarResult.FindingProbability;

/**
 * Builds the HL7 v2.5.1 ORU^R01 that tells the RIS what X-Raydar found on one radiograph: a
 * preliminary result (OBR-25 {@code P}: an algorithm's, not a radiologist's) of the image's order,
 * found by its accession number (OBR-3 and ORC-3). The OBX segments, in this order:
 * <ol>
 * <li>the Study Instance UID (ST, {@code 110180^Study Instance UID^DCM}), when the event has one;</li>
 * <li>one per finding (NM): the probability in % as in the SR's Certainty of Finding, the finding
 * coded as in the SR with X-Raydar's key as the alternate code, the threshold as reference range
 * and abnormal flag {@code A} at or above it;</li>
 * <li>the urgency (CWE, X-Raydar's value in the local scheme), when the event has one;</li>
 * <li>the algorithm (ST, {@code 111001^Algorithm Name^DCM}): name, version, and a mark when
 * simulated.</li>
 * </ol>
 * PID carries the Patient ID when the event has it; never a pseudonym (the event holds none).
 */
public final class FindingsOruBuilder {

    static final String SENDING_APPLICATION = "PACS-BRIDGE";
    static final String RESULT_STATUS = "P";
    static final String SIMULATED_MARK = " (SIMULATED, not model output)";

    private static final int CONTROL_ID_LENGTH = 20;
    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ")
            .withZone(ZoneOffset.UTC);
    private static final HapiContext HAPI = new DefaultHapiContext(ValidationContextFactory.defaultValidation());

    private FindingsOruBuilder() {
    }

    /** @throws OruRefusedException when the image has neither an accession number nor a Study Instance UID */
    public static FindingsOru build(FindingsSrInput input, OruHeader header) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(header, "header");
        ReportedImage image = input.image();
        if (image.accessionNumber() == null && image.studyInstanceUid() == null) {
            throw new OruRefusedException(
                    "findings ORU refused: the event has neither an accession number nor a Study Instance UID");
        }
        String controlId = controlId(image, input.engine());
        try {
            ORU_R01 oru = new ORU_R01(HAPI.getModelClassFactory());
            oru.setParser(HAPI.getPipeParser());
            header(oru.getMSH(), header, controlId);
            ORU_R01_PATIENT_RESULT result = oru.getPATIENT_RESULT();
            patient(result.getPATIENT().getPID(), image);
            ORU_R01_ORDER_OBSERVATION order = result.getORDER_OBSERVATION();
            order(order.getORC(), order.getOBR(), image, header.procedure(), input.completedAt());
            observations(oru, order, input);
            return new FindingsOru(controlId, HAPI.getPipeParser().encode(oru));
        } catch (HL7Exception e) {
            throw new OruRefusedException("findings ORU refused: " + e.getMessage());
        }
    }

    /**
     * MSH-10: 20 hexadecimal digits of a SHA-256 over the image's identity and the engine, so the same
     * image's result from the same engine always carries the same control id (HL7 ST allows 20).
     */
    static String controlId(ReportedImage image, ReportingEngine engine) {
        String identity = String.join("\u0000", String.valueOf(image.sopInstanceUid()),
                String.valueOf(image.studyInstanceUid()), String.valueOf(image.accessionNumber()), engine.name(),
                engine.version());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest).substring(0, CONTROL_ID_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Written here rather than by HAPI's initQuickstart, whose control id generator keeps a file in the working directory. */
    private static void header(MSH msh, OruHeader header, String controlId) throws HL7Exception {
        msh.getFieldSeparator().setValue("|");
        msh.getEncodingCharacters().setValue("^~\\&");
        msh.getDateTimeOfMessage().getTime().setValue(time(Instant.now()));
        msh.getMessageType().getMessageCode().setValue("ORU");
        msh.getMessageType().getTriggerEvent().setValue("R01");
        msh.getMessageType().getMessageStructure().setValue("ORU_R01");
        msh.getProcessingID().getProcessingID().setValue("P");
        msh.getVersionID().getVersionID().setValue("2.5.1");
        msh.getSendingApplication().getNamespaceID().setValue(SENDING_APPLICATION);
        msh.getReceivingApplication().getNamespaceID().setValue(header.receivingApplication());
        if (header.receivingFacility() != null) {
            msh.getReceivingFacility().getNamespaceID().setValue(header.receivingFacility());
        }
        msh.getMessageControlID().setValue(controlId);
    }

    private static void patient(PID pid, ReportedImage image) throws HL7Exception {
        pid.getSetIDPID().setValue("1");
        if (image.patientId() != null) {
            pid.getPatientIdentifierList(0).getIDNumber().setValue(image.patientId());
            if (image.issuerOfPatientId() != null) {
                pid.getPatientIdentifierList(0).getAssigningAuthority().getNamespaceID()
                        .setValue(image.issuerOfPatientId());
            }
        }
    }

    private static void order(ORC orc, OBR obr, ReportedImage image, Code procedure, Instant completedAt)
            throws HL7Exception {
        orc.getOrderControl().setValue("RE");
        obr.getSetIDOBR().setValue("1");
        if (image.accessionNumber() != null) {
            orc.getFillerOrderNumber().getEntityIdentifier().setValue(image.accessionNumber());
            obr.getFillerOrderNumber().getEntityIdentifier().setValue(image.accessionNumber());
        }
        code(obr.getUniversalServiceIdentifier(), procedure);
        obr.getObservationDateTime().getTime().setValue(time(completedAt));
        obr.getResultsRptStatusChngDateTime().getTime().setValue(time(completedAt));
        obr.getResultStatus().setValue(RESULT_STATUS);
    }

    private static void observations(ORU_R01 oru, ORU_R01_ORDER_OBSERVATION order, FindingsSrInput input)
            throws HL7Exception {
        int n = 0;
        String at = time(input.completedAt());
        if (input.image().studyInstanceUid() != null) {
            OBX obx = obx(order, n++, "ST", OruCodes.STUDY_INSTANCE_UID, at);
            obx.getObservationValue(0).setData(text(oru, input.image().studyInstanceUid()));
        }
        FindingThresholds thresholds = input.thresholds();
        for (FindingProbability fp : input.result().findings()) {
            OBX obx = obx(order, n++, "NM", FindingCodes.of(fp.finding()), at);
            if (!OruCodes.LOCAL_SCHEME.equals(obx.getObservationIdentifier().getNameOfCodingSystem().getValue())) {
                obx.getObservationIdentifier().getAlternateIdentifier().setValue(fp.finding().modelKey());
                obx.getObservationIdentifier().getAlternateText().setValue(fp.finding().label());
                obx.getObservationIdentifier().getNameOfAlternateCodingSystem().setValue(OruCodes.LOCAL_SCHEME);
            }
            NM value = new NM(oru);
            value.setValue(FindingsSrBuilder.percent(fp.probability()));
            obx.getObservationValue(0).setData(value);
            code(obx.getUnits(), OruCodes.PERCENT);
            double threshold = thresholds.threshold(fp.finding().code());
            obx.getReferencesRange().setValue("<" + FindingsSrBuilder.percent(threshold));
            if (fp.probability() >= threshold) {
                obx.getAbnormalFlags(0).setValue("A");
            }
        }
        if (input.result().urgency() != null) {
            OBX obx = obx(order, n++, "CWE", OruCodes.URGENCY, at);
            Code urgency = Urgency.code(input.result().urgency());
            CWE value = new CWE(oru);
            value.getIdentifier().setValue(urgency.value());
            value.getText().setValue(urgency.meaning());
            value.getNameOfCodingSystem().setValue(urgency.scheme());
            obx.getObservationValue(0).setData(value);
        }
        ReportingEngine engine = input.engine();
        OBX obx = obx(order, n, "ST", OruCodes.ALGORITHM_NAME, at);
        obx.getObservationValue(0).setData(text(oru, engine.name() + " " + engine.version()
                + (engine.simulated() ? SIMULATED_MARK : "")));
    }

    private static OBX obx(ORU_R01_ORDER_OBSERVATION order, int index, String valueType, Code code, String at)
            throws HL7Exception {
        OBX obx = order.getOBSERVATION(index).getOBX();
        obx.getSetIDOBX().setValue(String.valueOf(index + 1));
        obx.getValueType().setValue(valueType);
        code(obx.getObservationIdentifier(), code);
        obx.getObservationResultStatus().setValue(RESULT_STATUS);
        obx.getDateTimeOfTheObservation().getTime().setValue(at);
        return obx;
    }

    private static void code(CE target, Code code) throws HL7Exception {
        target.getIdentifier().setValue(code.value());
        target.getText().setValue(code.meaning());
        target.getNameOfCodingSystem().setValue(code.scheme());
    }

    private static Type text(ORU_R01 oru, String value) throws HL7Exception {
        ST st = new ST(oru);
        st.setValue(value);
        return st;
    }

    private static String time(Instant at) {
        return HL7_TIME.format(at);
    }
}
