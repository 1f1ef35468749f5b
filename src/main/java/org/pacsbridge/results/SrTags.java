package org.pacsbridge.results;

import org.pacsbridge.dicom.Tag;

/** Data element tags (PS3.6) of the SR modules, beyond those {@link Tag} already names. */
final class SrTags {

    static final int InstanceCreationDate = 0x00080012;
    static final int InstanceCreationTime = 0x00080013;
    static final int ContentDate = 0x00080023;
    static final int ContentTime = 0x00080033;
    static final int StudyTime = 0x00080030;
    static final int Manufacturer = 0x00080070;
    static final int ReferringPhysicianName = 0x00080090;
    static final int CodeValue = 0x00080100;
    static final int CodingSchemeDesignator = 0x00080102;
    static final int CodeMeaning = 0x00080104;
    static final int MappingResource = 0x00080105;
    static final int CodingSchemeIdentificationSequence = 0x00080110;
    static final int CodingSchemeName = 0x00080115;
    static final int CodingSchemeResponsibleOrganization = 0x00080116;
    static final int LongCodeValue = 0x00080119;
    static final int TimezoneOffsetFromUTC = 0x00080201;
    static final int ManufacturerModelName = 0x00081090;
    static final int ReferencedPerformedProcedureStepSequence = 0x00081111;
    static final int ReferencedSeriesSequence = 0x00081115;
    static final int ReferencedSOPClassUID = 0x00081150;
    static final int ReferencedSOPInstanceUID = 0x00081155;
    static final int ReferencedSOPSequence = 0x00081199;
    static final int PatientSex = 0x00100040;
    static final int SoftwareVersions = 0x00181020;
    static final int StudyID = 0x00200010;
    static final int SeriesNumber = 0x00200011;
    static final int InstanceNumber = 0x00200013;
    static final int MeasurementUnitsCodeSequence = 0x004008EA;
    static final int RelationshipType = 0x0040A010;
    static final int ValueType = 0x0040A040;
    static final int ConceptNameCodeSequence = 0x0040A043;
    static final int ContinuityOfContent = 0x0040A050;
    static final int UID = 0x0040A124;
    static final int TextValue = 0x0040A160;
    static final int ConceptCodeSequence = 0x0040A168;
    static final int MeasuredValueSequence = 0x0040A300;
    static final int NumericValue = 0x0040A30A;
    static final int PerformedProcedureCodeSequence = 0x0040A372;
    static final int CurrentRequestedProcedureEvidenceSequence = 0x0040A375;
    static final int CompletionFlag = 0x0040A491;
    static final int VerificationFlag = 0x0040A493;
    static final int ContentTemplateSequence = 0x0040A504;
    static final int ContentSequence = 0x0040A730;
    static final int TemplateIdentifier = 0x0040DB00;

    private SrTags() {
    }
}
