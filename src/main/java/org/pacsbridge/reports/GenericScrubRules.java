package org.pacsbridge.reports;

import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * The scrubbing rules that need no knowledge of the patient: applied to every report text, after
 * the values its source named ({@link ReportTextScrubber}). In this order:
 * <ol>
 * <li>e-mail addresses → {@code [EMAIL]}; dotted numeric identifiers such as DICOM UIDs (four or more
 *     numbers) → {@code [ID]};</li>
 * <li>dates → {@code [DATE]}: {@code 12/03/1961}, {@code 12.03.1961}, {@code 12-03-61}, {@code 1961-03-12},
 *     {@code 12 March 1961}, {@code 12th of Mar. 1961}, {@code March 12, 1961}, {@code March 1961},
 *     {@code 19610312} (also as an HL7 timestamp), English and German month names;</li>
 * <li>numbers after a label such as {@code MRN}, {@code NHS no.}, {@code ID}, {@code accession} →
 *     {@code [ID]}, after {@code Tel}, {@code phone}, {@code fax}, {@code mobile} → {@code [PHONE]}
 *     (the label stays);</li>
 * <li>telephone numbers → {@code [PHONE]}: with a {@code +} country code, an area code in
 *     parentheses, a leading trunk 0 ({@code 0113 243 3144}), or 3-3-4 digits;</li>
 * <li>identifiers → {@code [ID]}: digit groups joined by {@code -} or {@code /} with six or more digits
 *     (not year ranges), words of letters and digits with four or more digits ({@code MRN12345678},
 *     not {@code T4}, {@code L1-L2}, {@code 1500mg}), and runs of six or more digits;</li>
 * <li>names after a title ({@code Mr}, {@code Mrs}, {@code Ms}, {@code Dr}, {@code Prof}, {@code Herr},
 *     {@code Frau}; case-sensitive, so {@code MR} and {@code MS} stay) or a {@code Name:} label → {@code [NAME]}.</li>
 * </ol>
 * Every repetition in these patterns is bounded: a report of a million digits and dashes is scrubbed in
 * linear time and without a deep regex recursion. A number that is part of a decimal ({@code 0.1234567}) or of a longer dotted number is left alone by
 * the date and digit rules.
 */
final class GenericScrubRules {

    private static final String BEFORE = "(?<![\\p{L}\\p{N}])";
    private static final String AFTER = "(?![\\p{L}\\p{N}])";
    /** A number not continuing another one (as in 1.5 or 1/2). */
    private static final String NUMBER_BEFORE = BEFORE + "(?<!\\p{N}[.,/-])";
    private static final String NUMBER_AFTER = AFTER + "(?![.,/-]\\p{N})";

    private static final String MONTH = "(?:january|february|march|april|may|june|july|august|september|october|november"
            + "|december|januar|jänner|februar|märz|maerz|mai|juni|juli|oktober|dezember"
            + "|jan|jän|feb|mar|mär|apr|jun|jul|aug|sept|sep|oct|okt|nov|dec|dez)(?!\\p{L})\\.?";
    private static final String DAY = "(?:0?[1-9]|[12]\\d|3[01])";
    private static final String MONTH_NUMBER = "(?:0?[1-9]|1[0-2])";
    private static final String YEAR = "(?:1[89]\\d{2}|20\\d{2})";
    private static final String ORDINAL = "(?:st|nd|rd|th)?";

    private static final Set<String> UNITS = Set.of("mm", "cm", "m", "km", "ml", "l", "dl", "cc", "mg", "g", "kg", "ug",
            "µg", "mcg", "s", "sec", "ms", "min", "h", "hr", "hrs", "d", "x", "hu", "kv", "kvp", "mas", "mgy", "msv", "gy",
            "sv", "t", "hz", "khz", "mhz", "iu", "u", "mmol", "mol", "bpm", "fr", "f", "mmhg", "y", "yr", "yrs", "yo");

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static final List<ScrubRule> RULES = List.of(
            ScrubRule.of(Pattern.compile("(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+){1,10}"),
                    ScrubMarker.EMAIL),
            ScrubRule.of(Pattern.compile(NUMBER_BEFORE + "\\d+(?:\\.\\d+){3,64}" + NUMBER_AFTER), ScrubMarker.ID),
            // dates, the longest forms first
            ScrubRule.of(Pattern.compile(NUMBER_BEFORE + DAY + ORDINAL + "\\.?[\\s/-]{0,3}(?:of\\s{1,3})?" + MONTH + "[\\s,./-]{0,3}" + YEAR
                    + NUMBER_AFTER, FLAGS), ScrubMarker.DATE),
            ScrubRule.of(Pattern.compile(BEFORE + MONTH + "[\\s./-]{0,3}" + DAY + ORDINAL + ",?[\\s./-]{0,3}" + YEAR + NUMBER_AFTER, FLAGS),
                    ScrubMarker.DATE),
            ScrubRule.of(Pattern.compile(BEFORE + MONTH + "[\\s,./-]{0,3}" + YEAR + NUMBER_AFTER, FLAGS), ScrubMarker.DATE),
            ScrubRule.of(Pattern.compile(NUMBER_BEFORE + YEAR + "([./-])" + MONTH_NUMBER + "\\1" + DAY
                    + "(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2})?)?" + NUMBER_AFTER), ScrubMarker.DATE),
            ScrubRule.of(Pattern.compile(NUMBER_BEFORE + DAY + "([./-])" + DAY + "\\1(?:" + YEAR + "|\\d{2})" + NUMBER_AFTER),
                    ScrubMarker.DATE),
            ScrubRule.of(Pattern.compile(NUMBER_BEFORE + YEAR + "(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])(?:\\d{2,6}(?:\\.\\d{1,4})?)?"
                    + "(?:[+-]\\d{4})?" + NUMBER_AFTER), ScrubMarker.DATE),
            // a number after a label that says what it is
            labelled("MRN|MR\\s*(?:no|nr|number)|NHS(?:\\s*(?:no|nr|number))?|SSN|SVNR|KVNR|ID|PID|hospital\\s*(?:no|nr|number)"
                    + "|patient\\s*(?:id|no|nr|number)|case\\s*(?:no|nr|number)|record\\s*(?:no|nr|number)|accession(?:\\s*(?:no|nr|number))?"
                    + "|acc(?:\\s*(?:no|nr))?", "(\\p{N}{2,}(?:-\\p{N}{2,}|[ \\t]\\p{N}{3,}){0,6}|[\\p{L}\\p{N}]*\\p{N}[\\p{L}\\p{N}-]*)",
                    ScrubMarker.ID, 3),
            labelled("tel|telephone|phone|ph|mobile|mob|cell|fax|telefon|handy", "(\\+?\\(?\\p{N}[\\p{N} \\t().\\/-]{0,24}\\p{N})",
                    ScrubMarker.PHONE, 6),
            // telephone numbers
            ifDigits(Pattern.compile("(?<![\\p{L}\\p{N}+])\\+\\d[\\d \\t().-]{5,24}\\d" + NUMBER_AFTER), 7, 15, ScrubMarker.PHONE),
            ScrubRule.of(Pattern.compile(NUMBER_BEFORE + "\\(\\d{2,5}\\)[ \\t]*\\d{3,4}[ \\t.-]?\\d{3,4}" + NUMBER_AFTER), ScrubMarker.PHONE),
            ScrubRule.of(Pattern.compile(NUMBER_BEFORE + "0\\d{2,4}[ \\t./-]?\\d{3,4}[ \\t.-]?\\d{3,4}" + NUMBER_AFTER), ScrubMarker.PHONE),
            ScrubRule.of(Pattern.compile(NUMBER_BEFORE + "\\d{3}([ .-])\\d{3}\\1\\d{4}" + NUMBER_AFTER), ScrubMarker.PHONE),
            // identifiers
            new ScrubRule(Pattern.compile(NUMBER_BEFORE + "\\d{2,}(?:[-/]\\d{2,}){1,8}" + NUMBER_AFTER), GenericScrubRules::digitGroups),
            new ScrubRule(Pattern.compile("(?<![\\p{L}\\p{N}-])[\\p{L}\\p{N}]+(?:-[\\p{L}\\p{N}]+){0,8}" + AFTER),
                    GenericScrubRules::lettersAndDigits),
            ScrubRule.of(Pattern.compile(NUMBER_BEFORE + "\\d{6,}" + NUMBER_AFTER), ScrubMarker.ID),
            // names after a title (case-sensitive: MR and MS are modalities and diseases)
            ScrubRule.afterLabel(Pattern.compile("(?<!\\p{L})((?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Herr|Frau)\\.?[ \\t]{1,3}){1,3})"
                    + "(?!(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Herr|Frau)\\b)\\p{Lu}[\\p{L}'’-]*(?:[ \\t]{1,3}\\p{Lu}[\\p{L}'’-]*)?"),
                    ScrubMarker.NAME),
            ScrubRule.afterLabel(Pattern.compile(BEFORE + "((?i:patient\\s?name|name|patientenname)[ \\t]{0,3}:[ \\t]{0,3})"
                    + "\\p{Lu}[\\p{L}'’-]*(?:[ \\t,]{1,3}\\p{Lu}[\\p{L}'’-]*){0,3}"), ScrubMarker.NAME));

    private GenericScrubRules() {
    }

    static String apply(String text) {
        String result = text;
        for (ScrubRule rule : RULES) {
            result = rule.apply(result);
        }
        return result;
    }

    /** A label, then a value that becomes {@code marker} when it has at least {@code minDigits} digits. */
    private static ScrubRule labelled(String labels, String value, ScrubMarker marker, int minDigits) {
        Pattern pattern = Pattern.compile(BEFORE + "((?:" + labels + ")(?![\\p{L}\\p{N}])\\.?[ \\t]{0,3}(?:(?:no|nr|number)\\.?)?[ \\t]{0,3}[:#]?[ \\t]{0,3})"
                + value + NUMBER_AFTER, FLAGS);
        return new ScrubRule(pattern, m -> digits(m.group(2)) >= minDigits ? m.group(1) + marker.text() : m.group());
    }

    private static ScrubRule ifDigits(Pattern pattern, int min, int max, ScrubMarker marker) {
        return new ScrubRule(pattern, m -> {
            int n = digits(m.group());
            return n >= min && n <= max ? marker.text() : m.group();
        });
    }

    /** 4711-0815 is an identifier; 2019-2021 (years) and 120/80 are not. */
    private static String digitGroups(MatchResult m) {
        String[] groups = m.group().split("[-/]");
        boolean years = true;
        for (String g : groups) {
            years &= g.length() == 4 && (g.startsWith("19") || g.startsWith("20"));
        }
        return !years && digits(m.group()) >= 6 ? ScrubMarker.ID.text() : m.group();
    }

    /** MRN12345678 and ACC2024-0001 are identifiers; T4, L1-L2, COVID-19 and 1500mg are not. */
    private static String lettersAndDigits(MatchResult m) {
        String token = m.group();
        int digits = digits(token);
        if (digits < 4 || token.chars().noneMatch(Character::isLetter)) {
            return token;
        }
        int firstLetter = 0;
        while (firstLetter < token.length() && Character.isDigit(token.charAt(firstLetter))) {
            firstLetter++;
        }
        boolean measurement = firstLetter == digits && digits <= 5
                && UNITS.contains(token.substring(firstLetter).toLowerCase(java.util.Locale.ROOT));
        return measurement ? token : ScrubMarker.ID.text();
    }

    private static int digits(String text) {
        return (int) text.chars().filter(Character::isDigit).count();
    }
}
