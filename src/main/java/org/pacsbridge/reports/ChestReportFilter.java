package org.pacsbridge.reports;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides whether a report is a plain chest radiograph, by procedure code or by procedure text.
 * Codes are compared case-insensitively without regard to the coding system; the pattern is
 * searched for (not matched against the whole text) in the procedure text and in the code.
 */
public final class ChestReportFilter {

    /**
     * LOINC chest X-ray codes (36643-5 XR Chest 2 views, 30745-4 XR Chest 2 views PA and lateral,
     * 24648-8 XR Chest PA upright, 36554-4 XR Chest 1 view, 36572-6 XR Chest 1 view AP), CPT 71045 to
     * 71048 (chest radiograph, 1 to 4 views) and common local codes.
     */
    public static final List<String> DEFAULT_PROCEDURE_CODES = List.of(
            "36643-5", "30745-4", "24648-8", "36554-4", "36572-6",
            "71045", "71046", "71047", "71048",
            "CXR", "XRCHEST", "XR-CHEST", "XCHEST", "RXTHORAX");

    /**
     * Chest and thorax radiograph wordings: XR CHEST, CXR, CHEST PA/AP/LAT(ERAL), CHEST X-RAY,
     * CHEST RADIOGRAPH, THORAX and the like, unless the text names a cross-sectional or other
     * modality (CT, MR, PET, NM, US, angiography), so that "CT CHEST" or "MR THORAX" do not match.
     */
    public static final Pattern DEFAULT_DESCRIPTION_PATTERN = Pattern.compile(
            "^(?!.*\\b(?:CT|CTA|MR|MRI|MRT|MRA|PET|SPECT|NM|US|ULTRASOUND|SONO\\w*|ANGIO\\w*|TOMO\\w*)\\b)"
                    + ".*\\b(?:(?:XR|DX|CR|X-?RAY)\\s+(?:OF\\s+(?:THE\\s+)?)?CHEST|CXR|CHEST\\s+(?:PA|AP|LAT(?:ERAL)?|X-?RAY|RADIOGRA\\w*|\\d\\s*VIEWS?)|THORAX)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private final Set<String> procedureCodes;
    private final Pattern descriptionPattern;

    public ChestReportFilter(List<String> procedureCodes, Pattern descriptionPattern) {
        this.procedureCodes = procedureCodes.stream().map(ChestReportFilter::normalise).collect(Collectors.toUnmodifiableSet());
        this.descriptionPattern = Objects.requireNonNull(descriptionPattern, "descriptionPattern");
    }

    /** Default codes and pattern. */
    public static ChestReportFilter defaults() {
        return new ChestReportFilter(DEFAULT_PROCEDURE_CODES, DEFAULT_DESCRIPTION_PATTERN);
    }

    public boolean isChest(Report report) {
        String code = report.procedureCode();
        if (code != null && procedureCodes.contains(normalise(code))) {
            return true;
        }
        return matches(report.procedureText()) || matches(code);
    }

    private boolean matches(String text) {
        return text != null && descriptionPattern.matcher(text).find();
    }

    private static String normalise(String code) {
        return code.trim().toUpperCase(Locale.ROOT);
    }
}
