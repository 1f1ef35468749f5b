package org.pacsbridge.dicom;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The attributes of PS3.15 Annex E, Table E.1-1, with the action of the Basic Application Level
 * Confidentiality Profile column, as found on the radiography, CT, MR and related objects PACS
 * Bridge forwards (patient, study, series, equipment, request and reference modules, SR person
 * and UID attributes, signatures). The VR of each row is that of PS3.6; it is needed to read
 * implicit VR data sets and to make dummy values.
 *
 * <p>Rules that cover whole ranges rather than single attributes (private groups, overlays, curves,
 * group lengths, UIDs not listed here) live in {@link DeidentificationProfile}.
 */
final class ConfidentialityProfileTable {

    /**
     * One row of the table.
     *
     * @param tag     the attribute
     * @param vr      its VR (the first one PS3.6 lists)
     * @param code    the action code as the table gives it, for example {@code X/Z/D}
     * @param keyword the attribute keyword of PS3.6
     */
    record Row(int tag, VR vr, String code, String keyword) {
        DeidentificationAction action() {
            return DeidentificationAction.resolve(code);
        }
    }

    private static final Map<Integer, Row> ROWS;

    static {
        Map<Integer, Row> rows = new LinkedHashMap<>();
        // Media storage directory and instance identification
        add(rows, 0x00041511, VR.UI, "U", "ReferencedSOPInstanceUIDInFile");
        add(rows, 0x00080014, VR.UI, "U", "InstanceCreatorUID");
        add(rows, 0x00080015, VR.DT, "X", "InstanceCoercionDateTime");
        add(rows, 0x00080012, VR.DA, "X/D", "InstanceCreationDate");
        add(rows, 0x00080013, VR.TM, "X/Z/D", "InstanceCreationTime");
        add(rows, 0x00080018, VR.UI, "U", "SOPInstanceUID");
        add(rows, 0x00080058, VR.UI, "U", "FailedSOPInstanceUIDList");
        add(rows, 0x00081155, VR.UI, "U", "ReferencedSOPInstanceUID");
        add(rows, 0x00081195, VR.UI, "U", "TransactionUID");
        add(rows, 0x00083010, VR.UI, "U", "IrradiationEventUID");
        // Dates and times
        add(rows, 0x00080020, VR.DA, "Z", "StudyDate");
        add(rows, 0x00080021, VR.DA, "X/D", "SeriesDate");
        add(rows, 0x00080022, VR.DA, "X/Z", "AcquisitionDate");
        add(rows, 0x00080023, VR.DA, "Z/D", "ContentDate");
        add(rows, 0x00080024, VR.DA, "X", "OverlayDate");
        add(rows, 0x00080025, VR.DA, "X", "CurveDate");
        add(rows, 0x0008002A, VR.DT, "X/Z/D", "AcquisitionDateTime");
        add(rows, 0x00080030, VR.TM, "Z", "StudyTime");
        add(rows, 0x00080031, VR.TM, "X/D", "SeriesTime");
        add(rows, 0x00080032, VR.TM, "X/Z", "AcquisitionTime");
        add(rows, 0x00080033, VR.TM, "Z/D", "ContentTime");
        add(rows, 0x00080034, VR.TM, "X", "OverlayTime");
        add(rows, 0x00080035, VR.TM, "X", "CurveTime");
        add(rows, 0x00080201, VR.SH, "X", "TimezoneOffsetFromUTC");
        add(rows, 0x00181200, VR.DA, "X", "DateOfLastCalibration");
        add(rows, 0x00181201, VR.TM, "X", "TimeOfLastCalibration");
        add(rows, 0x00189074, VR.DT, "X/D", "FrameAcquisitionDateTime");
        add(rows, 0x00189151, VR.DT, "X/D", "FrameReferenceDateTime");
        add(rows, 0x00189516, VR.DT, "X/D", "StartAcquisitionDateTime");
        add(rows, 0x00189517, VR.DT, "X/D", "EndAcquisitionDateTime");
        // Study identification, institution, staff
        add(rows, 0x00080050, VR.SH, "Z", "AccessionNumber");
        add(rows, 0x00080080, VR.LO, "X/Z/D", "InstitutionName");
        add(rows, 0x00080081, VR.ST, "X", "InstitutionAddress");
        add(rows, 0x00080082, VR.SQ, "X/Z/D", "InstitutionCodeSequence");
        add(rows, 0x00080090, VR.PN, "Z", "ReferringPhysicianName");
        add(rows, 0x00080092, VR.ST, "X", "ReferringPhysicianAddress");
        add(rows, 0x00080094, VR.SH, "X", "ReferringPhysicianTelephoneNumbers");
        add(rows, 0x00080096, VR.SQ, "X", "ReferringPhysicianIdentificationSequence");
        add(rows, 0x0008009C, VR.PN, "Z", "ConsultingPhysicianName");
        add(rows, 0x0008009D, VR.SQ, "X", "ConsultingPhysicianIdentificationSequence");
        add(rows, 0x00081010, VR.SH, "X/Z/D", "StationName");
        add(rows, 0x00081030, VR.LO, "X", "StudyDescription");
        add(rows, 0x0008103E, VR.LO, "X", "SeriesDescription");
        add(rows, 0x00081040, VR.LO, "X", "InstitutionalDepartmentName");
        add(rows, 0x00081048, VR.PN, "X", "PhysiciansOfRecord");
        add(rows, 0x00081049, VR.SQ, "X", "PhysiciansOfRecordIdentificationSequence");
        add(rows, 0x00081050, VR.PN, "X", "PerformingPhysicianName");
        add(rows, 0x00081052, VR.SQ, "X", "PerformingPhysicianIdentificationSequence");
        add(rows, 0x00081060, VR.PN, "X", "NameOfPhysiciansReadingStudy");
        add(rows, 0x00081062, VR.SQ, "X", "PhysiciansReadingStudyIdentificationSequence");
        add(rows, 0x00081070, VR.PN, "X/Z/D", "OperatorsName");
        add(rows, 0x00081072, VR.SQ, "X/D", "OperatorIdentificationSequence");
        add(rows, 0x00081080, VR.LO, "X", "AdmittingDiagnosesDescription");
        add(rows, 0x00081084, VR.SQ, "X", "AdmittingDiagnosesCodeSequence");
        add(rows, 0x00082111, VR.ST, "X", "DerivationDescription");
        add(rows, 0x00084000, VR.LT, "X", "IdentifyingComments");
        add(rows, 0x00200010, VR.SH, "Z", "StudyID");
        add(rows, 0x00321032, VR.PN, "X", "RequestingPhysician");
        add(rows, 0x00321033, VR.LO, "X", "RequestingService");
        add(rows, 0x00321060, VR.LO, "X/Z", "RequestedProcedureDescription");
        add(rows, 0x00321070, VR.LO, "X", "RequestedContrastAgent");
        add(rows, 0x00324000, VR.LT, "X", "StudyComments");
        add(rows, 0x00700084, VR.PN, "Z/D", "ContentCreatorName");
        add(rows, 0x00700086, VR.SQ, "X", "ContentCreatorIdentificationCodeSequence");
        // References to other objects, the patient and the study
        add(rows, 0x00081110, VR.SQ, "X/Z", "ReferencedStudySequence");
        add(rows, 0x00081111, VR.SQ, "X/Z/D", "ReferencedPerformedProcedureStepSequence");
        add(rows, 0x00081120, VR.SQ, "X", "ReferencedPatientSequence");
        add(rows, 0x00081140, VR.SQ, "X/Z/U*", "ReferencedImageSequence");
        add(rows, 0x00082112, VR.SQ, "X/Z/U*", "SourceImageSequence");
        add(rows, 0x00101100, VR.SQ, "X", "ReferencedPatientPhotoSequence");
        add(rows, 0x00381234, VR.SQ, "X", "ReferencedPatientAliasSequence");
        // Patient
        add(rows, 0x00100010, VR.PN, "Z", "PatientName");
        add(rows, 0x00100020, VR.LO, "Z", "PatientID");
        add(rows, 0x00100021, VR.LO, "X", "IssuerOfPatientID");
        add(rows, 0x00100024, VR.SQ, "X", "IssuerOfPatientIDQualifiersSequence");
        add(rows, 0x00100030, VR.DA, "Z", "PatientBirthDate");
        add(rows, 0x00100032, VR.TM, "X", "PatientBirthTime");
        add(rows, 0x00100033, VR.LO, "X", "PatientBirthDateInAlternativeCalendar");
        add(rows, 0x00100034, VR.LO, "X", "PatientDeathDateInAlternativeCalendar");
        add(rows, 0x00100035, VR.CS, "X", "PatientAlternativeCalendar");
        add(rows, 0x00100040, VR.CS, "Z", "PatientSex");
        add(rows, 0x00100050, VR.SQ, "X", "PatientInsurancePlanCodeSequence");
        add(rows, 0x00100101, VR.SQ, "X", "PatientPrimaryLanguageCodeSequence");
        add(rows, 0x00100102, VR.SQ, "X", "PatientPrimaryLanguageModifierCodeSequence");
        add(rows, 0x00101000, VR.LO, "X", "OtherPatientIDs");
        add(rows, 0x00101001, VR.PN, "X", "OtherPatientNames");
        add(rows, 0x00101002, VR.SQ, "X", "OtherPatientIDsSequence");
        add(rows, 0x00101005, VR.PN, "X", "PatientBirthName");
        add(rows, 0x00101010, VR.AS, "X", "PatientAge");
        add(rows, 0x00101020, VR.DS, "X", "PatientSize");
        add(rows, 0x00101030, VR.DS, "X", "PatientWeight");
        add(rows, 0x00101040, VR.LO, "X", "PatientAddress");
        add(rows, 0x00101050, VR.LO, "X", "InsurancePlanIdentification");
        add(rows, 0x00101060, VR.PN, "X", "PatientMotherBirthName");
        add(rows, 0x00101080, VR.LO, "X", "MilitaryRank");
        add(rows, 0x00101081, VR.LO, "X", "BranchOfService");
        add(rows, 0x00101090, VR.LO, "X", "MedicalRecordLocator");
        add(rows, 0x00102000, VR.LO, "X", "MedicalAlerts");
        add(rows, 0x00102110, VR.LO, "X", "Allergies");
        add(rows, 0x00102150, VR.LO, "X", "CountryOfResidence");
        add(rows, 0x00102152, VR.LO, "X", "RegionOfResidence");
        add(rows, 0x00102154, VR.SH, "X", "PatientTelephoneNumbers");
        add(rows, 0x00102155, VR.LT, "X", "PatientTelecomInformation");
        add(rows, 0x00102160, VR.SH, "X", "EthnicGroup");
        add(rows, 0x00102180, VR.SH, "X", "Occupation");
        add(rows, 0x001021A0, VR.CS, "X", "SmokingStatus");
        add(rows, 0x001021B0, VR.LT, "X", "AdditionalPatientHistory");
        add(rows, 0x001021C0, VR.US, "X", "PregnancyStatus");
        add(rows, 0x001021D0, VR.DA, "X", "LastMenstrualDate");
        add(rows, 0x001021F0, VR.LO, "X", "PatientReligiousPreference");
        add(rows, 0x00102203, VR.CS, "X/Z", "PatientSexNeutered");
        add(rows, 0x00102297, VR.PN, "X", "ResponsiblePerson");
        add(rows, 0x00102299, VR.LO, "X", "ResponsibleOrganization");
        add(rows, 0x00104000, VR.LT, "X", "PatientComments");
        // Visit and admission
        add(rows, 0x00380010, VR.LO, "X", "AdmissionID");
        add(rows, 0x00380014, VR.SQ, "X", "IssuerOfAdmissionIDSequence");
        add(rows, 0x00380020, VR.DA, "X", "AdmittingDate");
        add(rows, 0x00380021, VR.TM, "X", "AdmittingTime");
        add(rows, 0x00380060, VR.LO, "X", "ServiceEpisodeID");
        add(rows, 0x00380062, VR.LO, "X", "ServiceEpisodeDescription");
        add(rows, 0x00380300, VR.LO, "X", "CurrentPatientLocation");
        add(rows, 0x00380400, VR.LO, "X", "PatientInstitutionResidence");
        add(rows, 0x00380500, VR.LO, "X", "PatientState");
        add(rows, 0x00384000, VR.LT, "X", "VisitComments");
        // Equipment
        add(rows, 0x00181000, VR.LO, "X/Z/D", "DeviceSerialNumber");
        add(rows, 0x00181002, VR.UI, "U", "DeviceUID");
        add(rows, 0x00181004, VR.LO, "X", "PlateID");
        add(rows, 0x00181005, VR.LO, "X", "GeneratorID");
        add(rows, 0x00181007, VR.LO, "X", "CassetteID");
        add(rows, 0x00181008, VR.LO, "X", "GantryID");
        add(rows, 0x0018700A, VR.SH, "X/D", "DetectorID");
        add(rows, 0x00181030, VR.LO, "X/D", "ProtocolName");
        add(rows, 0x00181400, VR.LO, "X/D", "AcquisitionDeviceProcessingDescription");
        add(rows, 0x00184000, VR.LT, "X", "AcquisitionComments");
        add(rows, 0x00189424, VR.LT, "X", "AcquisitionProtocolDescription");
        add(rows, 0x0018A003, VR.ST, "X", "ContributionDescription");
        add(rows, 0x00203401, VR.CS, "X", "ModifyingDeviceID");
        add(rows, 0x00203404, VR.LO, "X", "ModifyingDeviceManufacturer");
        add(rows, 0x00203406, VR.LO, "X", "ModifiedImageDescription");
        // Series, frame of reference, image
        add(rows, 0x0020000D, VR.UI, "U", "StudyInstanceUID");
        add(rows, 0x0020000E, VR.UI, "U", "SeriesInstanceUID");
        add(rows, 0x00200052, VR.UI, "U", "FrameOfReferenceUID");
        add(rows, 0x00200200, VR.UI, "U", "SynchronizationFrameOfReferenceUID");
        add(rows, 0x00204000, VR.LT, "X", "ImageComments");
        add(rows, 0x00209158, VR.LT, "X", "FrameComments");
        add(rows, 0x00209161, VR.UI, "U", "ConcatenationUID");
        add(rows, 0x00209164, VR.UI, "U", "DimensionOrganizationUID");
        add(rows, 0x00281199, VR.UI, "U", "PaletteColorLookupTableUID");
        add(rows, 0x00281214, VR.UI, "U", "LargePaletteColorLookupTableUID");
        add(rows, 0x00284000, VR.LT, "X", "ImagePresentationComments");
        add(rows, 0x30060024, VR.UI, "U", "ReferencedFrameOfReferenceUID");
        add(rows, 0x300600C2, VR.UI, "U", "RelatedFrameOfReferenceUID");
        add(rows, 0x00880140, VR.UI, "U", "StorageMediaFileSetUID");
        add(rows, 0x00880200, VR.SQ, "X", "IconImageSequence");
        add(rows, 0x00880904, VR.LO, "X", "TopicTitle");
        add(rows, 0x00880906, VR.ST, "X", "TopicSubject");
        add(rows, 0x00880910, VR.LO, "X", "TopicAuthor");
        add(rows, 0x00880912, VR.LO, "X", "TopicKeywords");
        // Scheduled and performed procedure steps, requests, orders
        add(rows, 0x00400001, VR.AE, "X", "ScheduledStationAETitle");
        add(rows, 0x00400002, VR.DA, "X", "ScheduledProcedureStepStartDate");
        add(rows, 0x00400003, VR.TM, "X", "ScheduledProcedureStepStartTime");
        add(rows, 0x00400004, VR.DA, "X", "ScheduledProcedureStepEndDate");
        add(rows, 0x00400005, VR.TM, "X", "ScheduledProcedureStepEndTime");
        add(rows, 0x00400006, VR.PN, "X", "ScheduledPerformingPhysicianName");
        add(rows, 0x00400007, VR.LO, "X", "ScheduledProcedureStepDescription");
        add(rows, 0x0040000B, VR.SQ, "X", "ScheduledPerformingPhysicianIdentificationSequence");
        add(rows, 0x00400010, VR.SH, "X", "ScheduledStationName");
        add(rows, 0x00400011, VR.SH, "X", "ScheduledProcedureStepLocation");
        add(rows, 0x00400241, VR.AE, "X", "PerformedStationAETitle");
        add(rows, 0x00400242, VR.SH, "X", "PerformedStationName");
        add(rows, 0x00400243, VR.SH, "X", "PerformedLocation");
        add(rows, 0x00400244, VR.DA, "X", "PerformedProcedureStepStartDate");
        add(rows, 0x00400245, VR.TM, "X", "PerformedProcedureStepStartTime");
        add(rows, 0x00400250, VR.DA, "X", "PerformedProcedureStepEndDate");
        add(rows, 0x00400251, VR.TM, "X", "PerformedProcedureStepEndTime");
        add(rows, 0x00400253, VR.SH, "X", "PerformedProcedureStepID");
        add(rows, 0x00400254, VR.LO, "X", "PerformedProcedureStepDescription");
        add(rows, 0x00400275, VR.SQ, "X", "RequestAttributesSequence");
        add(rows, 0x00400280, VR.ST, "X", "CommentsOnThePerformedProcedureStep");
        add(rows, 0x00400555, VR.SQ, "X", "AcquisitionContextSequence");
        add(rows, 0x00401001, VR.SH, "X", "RequestedProcedureID");
        add(rows, 0x00401004, VR.LO, "X", "PatientTransportArrangements");
        add(rows, 0x00401005, VR.LO, "X", "RequestedProcedureLocation");
        add(rows, 0x00401010, VR.PN, "X", "NamesOfIntendedRecipientsOfResults");
        add(rows, 0x00401011, VR.SQ, "X", "IntendedRecipientsOfResultsIdentificationSequence");
        add(rows, 0x00401101, VR.SQ, "D", "PersonIdentificationCodeSequence");
        add(rows, 0x00401102, VR.ST, "X", "PersonAddress");
        add(rows, 0x00401103, VR.LO, "X", "PersonTelephoneNumbers");
        add(rows, 0x00401400, VR.LT, "X", "RequestedProcedureComments");
        add(rows, 0x00402001, VR.LO, "X", "ReasonForTheImagingServiceRequest");
        add(rows, 0x00402008, VR.PN, "X", "OrderEnteredBy");
        add(rows, 0x00402009, VR.SH, "X", "OrderEntererLocation");
        add(rows, 0x00402010, VR.SH, "X", "OrderCallbackPhoneNumber");
        add(rows, 0x00402016, VR.LO, "Z", "PlacerOrderNumberImagingServiceRequest");
        add(rows, 0x00402017, VR.LO, "Z", "FillerOrderNumberImagingServiceRequest");
        add(rows, 0x00402400, VR.LT, "X", "ImagingServiceRequestComments");
        add(rows, 0x00403001, VR.LO, "X", "ConfidentialityConstraintOnPatientDataDescription");
        add(rows, 0x00321030, VR.LO, "X", "ReasonForStudy");
        add(rows, 0x00321066, VR.UT, "X", "ReasonForVisit");
        add(rows, 0x00321067, VR.SQ, "X", "ReasonForVisitCodeSequence");
        add(rows, 0x00321020, VR.LO, "X", "ScheduledStudyLocation");
        add(rows, 0x00321021, VR.AE, "X", "ScheduledStudyLocationAETitle");
        add(rows, 0x00320012, VR.LO, "X", "StudyIDIssuer");
        add(rows, 0x00380004, VR.SQ, "X", "ReferencedPatientAliasSequence");
        add(rows, 0x00380011, VR.LO, "X", "IssuerOfAdmissionID");
        add(rows, 0x0038001E, VR.LO, "X", "ScheduledPatientInstitutionResidence");
        add(rows, 0x00380040, VR.LO, "X", "DischargeDiagnosisDescription");
        add(rows, 0x00380050, VR.LO, "X", "SpecialNeeds");
        add(rows, 0x00380061, VR.LO, "X", "IssuerOfServiceEpisodeID");
        add(rows, 0x00400012, VR.LO, "X", "PreMedication");
        add(rows, 0x00400310, VR.ST, "X", "CommentsOnRadiationDose");
        add(rows, 0x00401002, VR.LO, "X", "ReasonForTheRequestedProcedure");
        add(rows, 0x00402004, VR.DA, "X", "IssueDateOfImagingServiceRequest");
        add(rows, 0x00402005, VR.TM, "X", "IssueTimeOfImagingServiceRequest");
        add(rows, 0x00404025, VR.SQ, "X", "ScheduledStationNameCodeSequence");
        add(rows, 0x00404027, VR.SQ, "X", "ScheduledStationGeographicLocationCodeSequence");
        add(rows, 0x00404028, VR.SQ, "X", "PerformedStationNameCodeSequence");
        add(rows, 0x00404030, VR.SQ, "X", "PerformedStationGeographicLocationCodeSequence");
        add(rows, 0x00404034, VR.SQ, "X", "ScheduledHumanPerformersSequence");
        add(rows, 0x00404035, VR.SQ, "X", "ActualHumanPerformersSequence");
        add(rows, 0x00404036, VR.LO, "X", "HumanPerformerOrganization");
        add(rows, 0x00404037, VR.PN, "X", "HumanPerformerName");
        add(rows, 0x00180010, VR.LO, "Z/D", "ContrastBolusAgent");
        add(rows, 0x0008010D, VR.UI, "U", "ContextGroupExtensionCreatorUID");
        // Structured reporting: observers, persons, content
        add(rows, 0x0040A027, VR.LO, "X", "VerifyingOrganization");
        add(rows, 0x0040A073, VR.SQ, "D", "VerifyingObserverSequence");
        add(rows, 0x0040A075, VR.PN, "D", "VerifyingObserverName");
        add(rows, 0x0040A078, VR.SQ, "X", "AuthorObserverSequence");
        add(rows, 0x0040A07A, VR.SQ, "X", "ParticipantSequence");
        add(rows, 0x0040A07C, VR.SQ, "X", "CustodialOrganizationSequence");
        add(rows, 0x0040A088, VR.SQ, "Z", "VerifyingObserverIdentificationCodeSequence");
        add(rows, 0x0040A123, VR.PN, "D", "PersonName");
        add(rows, 0x0040A124, VR.UI, "U", "UID");
        add(rows, 0x0040A730, VR.SQ, "X", "ContentSequence");
        add(rows, 0x0040DB0C, VR.UI, "U", "TemplateExtensionOrganizationUID");
        add(rows, 0x0040DB0D, VR.UI, "U", "TemplateExtensionCreatorUID");
        add(rows, 0x0040A030, VR.DT, "D", "VerificationDateTime");
        add(rows, 0x0040A032, VR.DT, "X/D", "ObservationDateTime");
        add(rows, 0x0040A160, VR.UT, "X", "TextValue");
        add(rows, 0x00700001, VR.SQ, "D", "GraphicAnnotationSequence");
        add(rows, 0x20300020, VR.LO, "X", "TextString");
        add(rows, 0x40000010, VR.LT, "X", "Arbitrary");
        add(rows, 0x40004000, VR.LT, "X", "TextComments");
        add(rows, 0x4008010A, VR.PN, "X", "InterpretationTranscriber");
        add(rows, 0x4008010B, VR.ST, "X", "InterpretationText");
        add(rows, 0x4008010C, VR.PN, "X", "InterpretationAuthor");
        add(rows, 0x40080115, VR.LT, "X", "InterpretationDiagnosisDescription");
        add(rows, 0x40084000, VR.ST, "X", "ResultsComments");
        // Digital signatures and history of modifications
        add(rows, 0x04000100, VR.UI, "X", "DigitalSignatureUID");
        add(rows, 0x04000402, VR.SQ, "X", "ReferencedDigitalSignatureSequence");
        add(rows, 0x04000403, VR.SQ, "X", "ReferencedSOPInstanceMACSequence");
        add(rows, 0x04000404, VR.OB, "X", "MAC");
        add(rows, 0x04000550, VR.SQ, "X", "ModifiedAttributesSequence");
        add(rows, 0x04000561, VR.SQ, "X", "OriginalAttributesSequence");
        add(rows, 0xFFFAFFFA, VR.SQ, "X", "DigitalSignaturesSequence");
        add(rows, 0xFFFCFFFC, VR.OB, "X", "DataSetTrailingPadding");
        ROWS = Collections.unmodifiableMap(rows);
    }

    private ConfidentialityProfileTable() {
    }

    /** @return the row for {@code tag}, or null if the table does not list it */
    static Row find(int tag) {
        return ROWS.get(tag);
    }

    /** @return every row, in the order written above */
    static Iterable<Row> rows() {
        return ROWS.values();
    }

    static int size() {
        return ROWS.size();
    }

    private static void add(Map<Integer, Row> rows, int tag, VR vr, String code, String keyword) {
        if (rows.put(tag, new Row(tag, vr, code, keyword)) != null) {
            throw new IllegalStateException("duplicate row " + Tag.toString(tag));
        }
    }
}
