package org.pacsbridge.results;

/**
 * The codes of the findings SR (PS3.16 TID 1500, 1501, 1204, 1002, 1004, 4019), and the local
 * coding scheme {@value #LOCAL_SCHEME} for what X-Raydar says that no standard vocabulary has:
 * its finding keys and its urgency.
 */
final class SrCodes {

    /** Local coding scheme (PS3.3 8.2: a designator beginning with "99" is private). */
    static final String LOCAL_SCHEME = "99XRAYDAR";

    static final Code IMAGING_MEASUREMENT_REPORT = new Code("126000", "DCM", "Imaging Measurement Report");
    static final Code LANGUAGE = new Code("121049", "DCM", "Language of Content Item and Descendants");
    static final Code ENGLISH_US = new Code("en-US", "RFC5646", "English (United States)");
    static final Code OBSERVER_TYPE = new Code("121005", "DCM", "Observer Type");
    static final Code DEVICE = new Code("121007", "DCM", "Device");
    static final Code DEVICE_OBSERVER_UID = new Code("121012", "DCM", "Device Observer UID");
    static final Code DEVICE_OBSERVER_NAME = new Code("121013", "DCM", "Device Observer Name");
    static final Code DEVICE_OBSERVER_MANUFACTURER = new Code("121014", "DCM", "Device Observer Manufacturer");
    static final Code DEVICE_OBSERVER_MODEL_NAME = new Code("121015", "DCM", "Device Observer Model Name");
    static final Code PROCEDURE_REPORTED = new Code("121058", "DCM", "Procedure reported");
    // TID 1500 draws it from CID 100 (Quantitative Diagnostic Imaging Procedures), which has no chest radiograph
    static final Code IMAGING_PROCEDURE = new Code("363679005", "SCT", "Imaging procedure");
    static final Code IMAGE_LIBRARY = new Code("111028", "DCM", "Image Library");
    static final Code IMAGE_LIBRARY_GROUP = new Code("126200", "DCM", "Image Library Group");
    static final Code IMAGING_MEASUREMENTS = new Code("126010", "DCM", "Imaging Measurements");
    static final Code MEASUREMENT_GROUP = new Code("125007", "DCM", "Measurement Group");
    static final Code TRACKING_IDENTIFIER = new Code("112039", "DCM", "Tracking Identifier");
    static final Code TRACKING_UID = new Code("112040", "DCM", "Tracking Unique Identifier");
    static final Code FINDING = new Code("121071", "DCM", "Finding");
    static final Code SOURCE = new Code("260753009", "SCT", "Source");
    static final Code ALGORITHM_NAME = new Code("111001", "DCM", "Algorithm Name");
    static final Code ALGORITHM_VERSION = new Code("111003", "DCM", "Algorithm Version");
    static final Code CERTAINTY_OF_FINDING = new Code("111012", "DCM", "Certainty of Finding");
    static final Code PERCENT = new Code("%", "UCUM", "%");
    static final Code PRESENT = new Code("52101004", "SCT", "Present");
    static final Code ABSENT = new Code("2667000", "SCT", "Absent");
    static final Code QUALITATIVE_EVALUATIONS = new Code("C0034375", "UMLS", "Qualitative Evaluations");
    static final Code URGENCY = new Code("urgency", LOCAL_SCHEME, "Urgency reported by X-Raydar");

    private SrCodes() {
    }
}
