package org.pacsbridge.reports;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Removes from report text the patient identifiers the message itself carries, replacing each with
 * {@value #REPLACEMENT}:
 * <ul>
 * <li>family and given names as whole words, case-insensitive; a hyphenated family name also part
 *     by part. Names shorter than {@value #MIN_NAME_LENGTH} characters are left alone, as they would
 *     blank ordinary words and initials.</li>
 * <li>every patient identifier (PID-2, PID-3, PID-4, PID-19) as a whole token. Identifiers shorter
 *     than {@value #MIN_ID_LENGTH} characters are left alone, as they would blank measurements.</li>
 * <li>the birth date as YYYYMMDD, YYYY-MM-DD, DD.MM.YYYY, DD/MM/YYYY, MM/DD/YYYY, DD-MM-YYYY (day
 *     and month with or without leading zero) and D Month YYYY / Month D, YYYY with English or
 *     German month names, full or abbreviated.</li>
 * </ul>
 * It does not find identifiers the message does not carry (other people's names, addresses): it is
 * a safeguard for the node's own outputs, not an anonymiser.
 */
public final class ReportTextScrubber {

    public static final String REPLACEMENT = "[REMOVED]";
    public static final int MIN_NAME_LENGTH = 2;
    public static final int MIN_ID_LENGTH = 4;

    private static final String NOT_WORD_BEFORE = "(?<![\\p{L}\\p{N}])";
    private static final String NOT_WORD_AFTER = "(?![\\p{L}\\p{N}])";

    public String scrub(String text, PatientIdentity identity) {
        if (text == null || text.isEmpty() || identity == null) {
            return text;
        }
        String result = text;
        for (Pattern pattern : patterns(identity)) {
            result = pattern.matcher(result).replaceAll(REPLACEMENT);
        }
        return result;
    }

    private static List<Pattern> patterns(PatientIdentity identity) {
        List<Pattern> patterns = new ArrayList<>();
        LocalDate birthDate = identity.birthDate();
        if (birthDate != null) {
            patterns.add(Pattern.compile("(?<!\\d)(?:" + String.join("|", dateForms(birthDate)) + ")(?!\\d)",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        Set<String> ids = identity.identifiers().stream().map(String::trim)
                .filter(id -> id.length() >= MIN_ID_LENGTH).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> names = new LinkedHashSet<>();
        for (String family : identity.familyNames()) {
            names.add(family.trim());
            for (String part : family.split("-")) {
                names.add(part.trim());
            }
        }
        identity.givenNames().forEach(n -> names.add(n.trim()));
        names.removeIf(n -> n.length() < MIN_NAME_LENGTH);
        // longest first, so "Anna-Lena" goes before "Anna" would leave "[REMOVED]-Lena"
        List<String> tokens = new ArrayList<>(ids);
        tokens.addAll(names);
        tokens.sort(Comparator.comparingInt(String::length).reversed());
        for (String token : tokens) {
            String literal = Pattern.quote(token).replaceAll("\\s+", "\\\\E\\\\s+\\\\Q");
            patterns.add(Pattern.compile(NOT_WORD_BEFORE + literal + NOT_WORD_AFTER, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        return patterns;
    }

    private static List<String> dateForms(LocalDate date) {
        String yyyy = String.valueOf(date.getYear());
        String mm = String.format(Locale.ROOT, "%02d", date.getMonthValue());
        String dd = String.format(Locale.ROOT, "%02d", date.getDayOfMonth());
        String m = "0?" + date.getMonthValue();
        String d = "0?" + date.getDayOfMonth();
        String months = "(?:" + monthNames(date).stream().map(Pattern::quote).collect(Collectors.joining("|")) + ")";
        return List.of(
                yyyy + mm + dd,
                yyyy + "-" + mm + "-" + dd,
                d + "\\s*[./-]\\s*" + m + "\\s*[./-]\\s*" + yyyy,
                m + "\\s*/\\s*" + d + "\\s*/\\s*" + yyyy,
                d + "\\.?\\s*" + months + "\\.?,?\\s*" + yyyy,
                months + "\\.?\\s*" + d + "(?:st|nd|rd|th)?,?\\s*" + yyyy);
    }

    private static Set<String> monthNames(LocalDate date) {
        Set<String> names = new LinkedHashSet<>();
        for (Locale locale : List.of(Locale.ENGLISH, Locale.GERMAN)) {
            names.add(date.getMonth().getDisplayName(TextStyle.FULL, locale));
            names.add(date.getMonth().getDisplayName(TextStyle.SHORT, locale).replace(".", ""));
        }
        names.removeIf(String::isEmpty);
        return names;
    }
}
