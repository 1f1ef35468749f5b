package org.pacsbridge.findings;

import java.util.List;
import java.util.Locale;

/** X-Raydar's urgency grades, least to most urgent; other values are passed through and rank lowest. */
final class Urgency {

    private static final List<String> GRADES = List.of("normal", "non-urgent", "urgent", "critical");

    private Urgency() {
    }

    static int rank(String urgency) {
        return urgency == null ? -2 : GRADES.indexOf(urgency.toLowerCase(Locale.ROOT));
    }

    /** The more urgent of two values (either may be null). */
    static String max(String a, String b) {
        return rank(b) > rank(a) ? b : a;
    }
}
