package org.pacsbridge.reports;

import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One replacement of {@link ReportTextScrubber}: every match of a pattern becomes what the function gives. */
record ScrubRule(Pattern pattern, Function<MatchResult, String> replacement) {

    /** Every match becomes {@code marker}. */
    static ScrubRule of(Pattern pattern, ScrubMarker marker) {
        return new ScrubRule(pattern, m -> marker.text());
    }

    /** Group 1 (a label such as "MRN: ") is kept, the rest of the match becomes {@code marker}. */
    static ScrubRule afterLabel(Pattern pattern, ScrubMarker marker) {
        return new ScrubRule(pattern, m -> m.group(1) + marker.text());
    }

    String apply(String text) {
        return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(replacement.apply(m)));
    }
}
