package org.pacsbridge.reports;

import java.util.Optional;

/**
 * The state of a report, mapped from OBR-25 (ORU), TXA-17 (MDM) or, when OBR-25 is empty, OBX-11.
 * The rank orders statuses for {@link Report#version()}: a report with a higher rank supersedes
 * one with a lower rank.
 */
public enum ReportStatus {
    /** Examination done or report being dictated; no result yet. OBR-25 O, S, I; TXA-17 DI, IP, IN. */
    IN_PROGRESS(1),
    /** Some but not all results available. OBR-25 A (table 0123: not "amended"); OBX-11 S. */
    PARTIAL(2),
    /** Preliminary, or stored but not verified. OBR-25 P, R; TXA-17 DO, PA. */
    PRELIMINARY(3),
    /** Final (signed). OBR-25 F; TXA-17 AU, LA. */
    FINAL(4),
    /** Correction or amendment of a final report. OBR-25 C. */
    CORRECTED(5),
    /** Order cancelled, no result. OBR-25 X. */
    CANCELLED(6);

    private final int rank;

    ReportStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /** OBR-25 result status, HL7 table 0123. */
    static Optional<ReportStatus> fromResultStatus(String code) {
        return Optional.ofNullable(switch (code) {
            case "O", "S", "I" -> IN_PROGRESS;
            case "A" -> PARTIAL;
            case "P", "R" -> PRELIMINARY;
            case "F" -> FINAL;
            case "C" -> CORRECTED;
            case "X" -> CANCELLED;
            default -> null;
        });
    }

    /**
     * OBX-11 observation result status, HL7 table 0085; only the values that describe a report
     * (D deleted, W wrong patient and the like are not a status the node can publish).
     */
    static Optional<ReportStatus> fromObservationStatus(String code) {
        return Optional.ofNullable(switch (code) {
            case "I" -> IN_PROGRESS;
            case "S" -> PARTIAL;
            case "P", "R" -> PRELIMINARY;
            case "F" -> FINAL;
            case "C" -> CORRECTED;
            default -> null;
        });
    }

    /** TXA-17 document completion status, HL7 table 0271. */
    static Optional<ReportStatus> fromDocumentCompletion(String code) {
        return Optional.ofNullable(switch (code) {
            case "DI", "IP", "IN" -> IN_PROGRESS;
            case "DO", "PA" -> PRELIMINARY;
            case "AU", "LA" -> FINAL;
            default -> null;
        });
    }
}
