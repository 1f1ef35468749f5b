package org.pacsbridge.dicom;

/**
 * The action codes of PS3.15 Annex E, Table E.1-1, as applied by {@link Deidentifier}.
 */
enum DeidentificationAction {

    /** Replace with a non-zero length dummy value consistent with the VR. */
    D,
    /** Replace with a zero-length value (an empty sequence for SQ). */
    Z,
    /** Remove the attribute. */
    X,
    /** Keep the attribute; a sequence is still walked and the profile applied to its items. */
    K,
    /** Clean: keep the value with identifying parts of it replaced. */
    C,
    /** Replace each UID with one derived from it, the same for every object of a study. */
    U;

    /**
     * Resolves a code of the table, which may offer a choice such as {@code X/Z} or
     * {@code X/Z/U*} depending on the IOD, to the one action applied whatever the IOD. A UID
     * replacement is taken whenever offered, so references stay consistent; otherwise Z, which
     * leaves a Type 2 attribute present but empty; otherwise X; D only when nothing else is allowed.
     */
    static DeidentificationAction resolve(String code) {
        String normalized = code.replace("*", "");
        for (DeidentificationAction preferred : new DeidentificationAction[] {U, Z, X, D, C, K}) {
            for (String option : normalized.split("/")) {
                if (option.equals(preferred.name())) {
                    return preferred;
                }
            }
        }
        throw new IllegalArgumentException("Not an action code: " + code);
    }
}
