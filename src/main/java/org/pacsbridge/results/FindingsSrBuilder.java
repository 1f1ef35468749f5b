package org.pacsbridge.results;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

import org.pacsbridge.dicom.DataSet;
import org.pacsbridge.dicom.DataSetWriter;
import org.pacsbridge.dicom.NameBasedUid;
import org.pacsbridge.dicom.Tag;
import org.pacsbridge.dicom.UID;
import org.pacsbridge.dicom.VR;
import org.pacsbridge.model.FindingThresholds;
import org.pacsbridge.model.XraydarResult;
import org.pacsbridge.model.XraydarResult.FindingProbability;

/**
 * Builds the Comprehensive SR that returns one image's X-Raydar CV findings to the PACS, following
 * PS3.16 TID 1500 "Measurement Report": the algorithm as observing device, the radiograph in the
 * image library, one TID 1501 measurement group per finding (the finding as a code,
 * Present/Absent at the node's threshold, the probability as Certainty of Finding in %), the
 * urgency as a qualitative evaluation. The SR joins the image's original study in a series of its
 * own and is never marked verified: an algorithm's result is not a radiologist's report.
 *
 * <p>Its SOP Instance UID is derived from the image's SOP Instance UID and the engine (name,
 * version, simulated or not), so building it again for the same image and engine gives the same
 * UID and a PACS replaces the earlier copy instead of adding a second one.
 */
public final class FindingsSrBuilder {

    public static final String COMPREHENSIVE_SR = "1.2.840.10008.5.1.4.1.1.88.33";
    /** Series Description of the SR series; documented in docs/dicom-conformance.md. */
    public static final String SERIES_DESCRIPTION = "X-Raydar CV findings (algorithm, unverified)";
    public static final String SIMULATED_SERIES_DESCRIPTION = "SIMULATED X-Raydar findings - not model output";
    /** Series Number of the SR series: high, so viewers list it after the acquired series. */
    static final String SERIES_NUMBER = "9901";
    static final String MANUFACTURER = "PACS Bridge";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss.SSS").withZone(ZoneOffset.UTC);
    private static final int PERCENT_SCALE = 10;

    private FindingsSrBuilder() {
    }

    /** The SR SOP Instance UID for an image's findings from an engine. */
    public static String sopInstanceUid(String imageSopInstanceUid, ReportingEngine engine) {
        return NameBasedUid.of("pacs-bridge findings SR", imageSopInstanceUid, engine.name(), engine.version(),
                Boolean.toString(engine.simulated()));
    }

    /** The SR series of a study for an engine: all of that engine's SRs in the study share it. */
    public static String seriesInstanceUid(String studyInstanceUid, ReportingEngine engine) {
        return NameBasedUid.of("pacs-bridge findings SR series", studyInstanceUid, engine.name(), engine.version(),
                Boolean.toString(engine.simulated()));
    }

    /**
     * @param image       the radiograph's original identity
     * @param result      X-Raydar's answer for it
     * @param thresholds  the node's thresholds, which decide Present or Absent
     * @param engine      the algorithm that answered
     * @param completedAt when the answer came; the SR's content and creation date and time (UTC)
     * @throws SrRefusedException if the image lacks a UID the SR must carry, or a probability is not in [0, 1]
     */
    public static FindingsSr build(ReportedImage image, XraydarResult result, FindingThresholds thresholds,
            ReportingEngine engine, Instant completedAt) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(completedAt, "completedAt");
        require(image != null, "no image identity");
        require(UID.isValid(image.studyInstanceUid()),
                "no valid Study Instance UID: the SR cannot be placed in the image's study");
        require(UID.isValid(image.seriesInstanceUid()), "no valid Series Instance UID of the image");
        require(UID.isValid(image.sopInstanceUid()), "no valid SOP Instance UID of the image");
        require(UID.isValid(image.sopClassUid()), "no valid SOP Class UID of the image");
        for (FindingProbability fp : result.findings()) {
            double p = fp.probability();
            require(p >= 0 && p <= 1, "probability of " + fp.finding().code() + " not in [0, 1]: " + p);
        }

        String sopInstanceUid = sopInstanceUid(image.sopInstanceUid(), engine);
        String seriesInstanceUid = seriesInstanceUid(image.studyInstanceUid(), engine);
        DataSet ds = new DataSet();
        ds.text(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.text(Tag.SOPClassUID, VR.UI, COMPREHENSIVE_SR);
        ds.text(Tag.SOPInstanceUID, VR.UI, sopInstanceUid);
        patientAndStudy(ds, image);
        series(ds, seriesInstanceUid, engine);
        equipment(ds);
        document(ds, image, result, completedAt);
        content(ds, image, result, thresholds, engine);

        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            DataSetWriter.writeFile(out, COMPREHENSIVE_SR, sopInstanceUid, ds);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return new FindingsSr(sopInstanceUid, seriesInstanceUid, image.studyInstanceUid(), out.toByteArray());
    }

    private static void patientAndStudy(DataSet ds, ReportedImage image) {
        ds.text(Tag.PatientName, VR.PN, image.patientName());
        ds.text(Tag.PatientID, VR.LO, image.patientId());
        if (image.issuerOfPatientId() != null) {
            ds.text(Tag.IssuerOfPatientID, VR.LO, image.issuerOfPatientId());
        }
        ds.text(Tag.PatientBirthDate, VR.DA, image.patientBirthDate());
        ds.text(SrTags.PatientSex, VR.CS, image.patientSex());
        ds.text(Tag.StudyInstanceUID, VR.UI, image.studyInstanceUid());
        ds.text(Tag.StudyDate, VR.DA, image.studyDate());
        ds.text(SrTags.StudyTime, VR.TM, image.studyTime());
        ds.text(SrTags.ReferringPhysicianName, VR.PN, image.referringPhysicianName());
        ds.text(SrTags.StudyID, VR.SH, image.studyId());
        ds.text(Tag.AccessionNumber, VR.SH, image.accessionNumber());
        if (image.studyDescription() != null) {
            ds.text(Tag.StudyDescription, VR.LO, image.studyDescription());
        }
    }

    private static void series(DataSet ds, String seriesInstanceUid, ReportingEngine engine) {
        ds.text(Tag.Modality, VR.CS, "SR");
        ds.text(Tag.SeriesInstanceUID, VR.UI, seriesInstanceUid);
        ds.text(SrTags.SeriesNumber, VR.IS, SERIES_NUMBER);
        ds.text(Tag.SeriesDescription, VR.LO, engine.simulated() ? SIMULATED_SERIES_DESCRIPTION : SERIES_DESCRIPTION);
        ds.emptySequence(SrTags.ReferencedPerformedProcedureStepSequence);
    }

    private static void equipment(DataSet ds) {
        ds.text(SrTags.Manufacturer, VR.LO, MANUFACTURER);
        ds.text(SrTags.ManufacturerModelName, VR.LO, MANUFACTURER);
        ds.text(SrTags.SoftwareVersions, VR.LO, UID.IMPLEMENTATION_VERSION_NAME);
    }

    private static void document(DataSet ds, ReportedImage image, XraydarResult result, Instant completedAt) {
        ds.text(SrTags.InstanceCreationDate, VR.DA, DATE.format(completedAt));
        ds.text(SrTags.InstanceCreationTime, VR.TM, TIME.format(completedAt));
        ds.text(SrTags.ContentDate, VR.DA, DATE.format(completedAt));
        ds.text(SrTags.ContentTime, VR.TM, TIME.format(completedAt));
        ds.text(SrTags.TimezoneOffsetFromUTC, VR.SH, "+0000");
        ds.text(SrTags.InstanceNumber, VR.IS, "1");
        // PARTIAL when X-Raydar left out findings it should have reported
        ds.text(SrTags.CompletionFlag, VR.CS, result.missingCodes().isEmpty() ? "COMPLETE" : "PARTIAL");
        ds.text(SrTags.VerificationFlag, VR.CS, "UNVERIFIED");
        ds.emptySequence(SrTags.PerformedProcedureCodeSequence);
        DataSet evidence = ds.addItem(SrTags.CurrentRequestedProcedureEvidenceSequence);
        evidence.text(Tag.StudyInstanceUID, VR.UI, image.studyInstanceUid());
        DataSet series = evidence.addItem(SrTags.ReferencedSeriesSequence);
        series.text(Tag.SeriesInstanceUID, VR.UI, image.seriesInstanceUid());
        DataSet instance = series.addItem(SrTags.ReferencedSOPSequence);
        instance.text(SrTags.ReferencedSOPClassUID, VR.UI, image.sopClassUid());
        instance.text(SrTags.ReferencedSOPInstanceUID, VR.UI, image.sopInstanceUid());
        DataSet scheme = ds.addItem(SrTags.CodingSchemeIdentificationSequence);
        scheme.text(SrTags.CodingSchemeDesignator, VR.SH, SrCodes.LOCAL_SCHEME);
        scheme.text(SrTags.CodingSchemeName, VR.ST, "X-Raydar finding keys and urgency");
        scheme.text(SrTags.CodingSchemeResponsibleOrganization, VR.ST, MANUFACTURER);
    }

    private static void content(DataSet root, ReportedImage image, XraydarResult result, FindingThresholds thresholds,
            ReportingEngine engine) {
        root.text(SrTags.ValueType, VR.CS, "CONTAINER");
        ContentItems.writeCode(root.addItem(SrTags.ConceptNameCodeSequence), SrCodes.IMAGING_MEASUREMENT_REPORT);
        root.text(SrTags.ContinuityOfContent, VR.CS, "SEPARATE");
        DataSet template = root.addItem(SrTags.ContentTemplateSequence);
        template.text(SrTags.MappingResource, VR.CS, "DCMR");
        template.text(SrTags.TemplateIdentifier, VR.CS, "1500");

        ContentItems.code(root, "HAS CONCEPT MOD", SrCodes.LANGUAGE, SrCodes.ENGLISH_US);
        ContentItems.code(root, "HAS OBS CONTEXT", SrCodes.OBSERVER_TYPE, SrCodes.DEVICE);
        ContentItems.uidRef(root, "HAS OBS CONTEXT", SrCodes.DEVICE_OBSERVER_UID, NameBasedUid.of(
                "pacs-bridge algorithm", engine.name(), engine.version(), Boolean.toString(engine.simulated())));
        ContentItems.text(root, "HAS OBS CONTEXT", SrCodes.DEVICE_OBSERVER_NAME, engine.displayName());
        ContentItems.text(root, "HAS OBS CONTEXT", SrCodes.DEVICE_OBSERVER_MANUFACTURER, engine.manufacturer());
        ContentItems.text(root, "HAS OBS CONTEXT", SrCodes.DEVICE_OBSERVER_MODEL_NAME,
                engine.displayName() + " " + engine.version());
        ContentItems.code(root, "HAS CONCEPT MOD", SrCodes.PROCEDURE_REPORTED, SrCodes.IMAGING_PROCEDURE);

        DataSet library = ContentItems.container(root, "CONTAINS", SrCodes.IMAGE_LIBRARY);
        DataSet group = ContentItems.container(library, "CONTAINS", SrCodes.IMAGE_LIBRARY_GROUP);
        ContentItems.image(group, "CONTAINS", null, image.sopClassUid(), image.sopInstanceUid());

        DataSet measurements = ContentItems.container(root, "CONTAINS", SrCodes.IMAGING_MEASUREMENTS);
        for (FindingProbability fp : result.findings()) {
            measurementGroup(measurements, image, fp, thresholds.threshold(fp.finding().code()), engine);
        }

        if (result.urgency() != null) {
            DataSet evaluations = ContentItems.container(root, "CONTAINS", SrCodes.QUALITATIVE_EVALUATIONS);
            ContentItems.code(evaluations, "CONTAINS", SrCodes.URGENCY, Urgency.code(result.urgency()));
        }
    }

    private static void measurementGroup(DataSet parent, ReportedImage image, FindingProbability fp, double threshold,
            ReportingEngine engine) {
        DataSet group = ContentItems.container(parent, "CONTAINS", SrCodes.MEASUREMENT_GROUP);
        ContentItems.text(group, "HAS OBS CONTEXT", SrCodes.TRACKING_IDENTIFIER, fp.finding().modelKey());
        ContentItems.uidRef(group, "HAS OBS CONTEXT", SrCodes.TRACKING_UID, NameBasedUid.of(
                "pacs-bridge finding", image.sopInstanceUid(), engine.name(), engine.version(),
                Boolean.toString(engine.simulated()), fp.finding().code()));
        Code finding = FindingCodes.of(fp.finding());
        ContentItems.code(group, "CONTAINS", SrCodes.FINDING, finding);
        ContentItems.image(group, "CONTAINS", SrCodes.SOURCE, image.sopClassUid(), image.sopInstanceUid());
        ContentItems.text(group, "HAS CONCEPT MOD", SrCodes.ALGORITHM_NAME, engine.displayName());
        ContentItems.text(group, "HAS CONCEPT MOD", SrCodes.ALGORITHM_VERSION, engine.version());
        ContentItems.num(group, "CONTAINS", SrCodes.CERTAINTY_OF_FINDING, percent(fp.probability()), SrCodes.PERCENT);
        ContentItems.code(group, "CONTAINS", finding, fp.probability() >= threshold ? SrCodes.PRESENT : SrCodes.ABSENT);
    }

    /** A probability in [0, 1] as a percentage, exact to 10 decimal places and at most 16 characters (DS). */
    static String percent(double probability) {
        BigDecimal value = BigDecimal.valueOf(probability).movePointRight(2).setScale(PERCENT_SCALE, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        return value.signum() == 0 ? "0" : value.toPlainString();
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new SrRefusedException("findings SR refused: " + reason);
        }
    }
}
