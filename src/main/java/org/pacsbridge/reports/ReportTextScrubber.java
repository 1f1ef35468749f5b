package org.pacsbridge.reports;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Removes identifying values from report text before it leaves the hospital, replacing each with
 * a {@link ScrubMarker} ({@code [NAME]}, {@code [ID]}, {@code [DATE]}, {@code [PHONE]}, {@code [EMAIL]},
 * {@code [ADDRESS]}). First the values the report's source named ({@link PatientIdentity}):
 * <ul>
 * <li>names as whole words, case-insensitive, also without accents (Müller, Muller, Mueller): the
 *     whole name and each part of it (split at spaces and hyphens, particles such as "van" or "der"
 *     kept; a particle given alone as a name is ignored). Names and parts shorter than {@value #MIN_NAME_LENGTH} characters are left alone, as
 *     they would blank ordinary words and initials.</li>
 * <li>identifiers as whole tokens, case-insensitive, with or without one space or punctuation mark
 *     between any two of their characters. Identifiers shorter than {@value #MIN_ID_LENGTH} characters are left
 *     alone, as they would blank measurements.</li>
 * <li>the dates (birth, death) in numeric and written forms, English or German month names.</li>
 * <li>address components of at least {@value #MIN_ADDRESS_LENGTH} characters as phrases; telephone
 *     numbers by their digits (at least {@value #MIN_PHONE_DIGITS}), whatever separates them;
 *     e-mail addresses.</li>
 * </ul>
 * Then, whatever the source said, {@link GenericScrubRules}: dates, e-mail addresses, telephone
 * numbers, identifiers and titled names of anyone. Longer values go first, so that "Anna-Lena" is
 * not left as "[NAME]-Lena".
 */
public final class ReportTextScrubber {

    public static final int MIN_NAME_LENGTH = 2;
    public static final int MIN_ID_LENGTH = 4;
    public static final int MIN_ADDRESS_LENGTH = 3;
    public static final int MIN_PHONE_DIGITS = 6;

    /** Not inside a word, and not the word inside a marker such as [NAME]. */
    private static final String WORD_BEFORE = "(?<![\\p{L}\\p{N}\\[])";
    private static final String WORD_AFTER = "(?![\\p{L}\\p{N}\\]])";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Set<String> PARTICLES = Set.of("van", "von", "der", "den", "de", "del", "della", "di", "da", "du",
            "dos", "das", "la", "le", "ten", "ter", "zu", "al", "el", "bin", "ibn", "ben", "st");

    /** Scrubbed text; with an empty or null identity only the generic rules apply. */
    public String scrub(String text, PatientIdentity identity) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (ScrubRule rule : identityRules(identity == null ? PatientIdentity.EMPTY : identity)) {
            result = rule.apply(result);
        }
        return GenericScrubRules.apply(result);
    }

    private static List<ScrubRule> identityRules(PatientIdentity identity) {
        List<ScrubRule> rules = new ArrayList<>();
        for (LocalDate date : identity.dates()) {
            rules.add(ScrubRule.of(Pattern.compile("(?<!\\d)(?:" + String.join("|", dateForms(date)) + ")(?!\\d)", FLAGS),
                    ScrubMarker.DATE));
        }
        // value pattern → marker; the longest literal first
        Map<String, ScrubMarker> literals = new LinkedHashMap<>();
        identity.emails().forEach(e -> literals.putIfAbsent(Pattern.quote(e), ScrubMarker.EMAIL));
        for (String phone : identity.phones()) {
            String digits = phone.replaceAll("\\D", "");
            for (String form : List.of(digits, digits.replaceFirst("^0+", ""))) {
                if (form.length() >= MIN_PHONE_DIGITS) {
                    literals.putIfAbsent("[+(]?" + spaced(form, "[\\s().+/-]{0,3}"), ScrubMarker.PHONE);
                }
            }
        }
        for (String id : identity.identifiers()) {
            String core = id.replaceAll("[^\\p{L}\\p{N}]", "");
            if (core.length() >= MIN_ID_LENGTH) {
                literals.putIfAbsent(spaced(core, "[^\\p{L}\\p{N}]?"), ScrubMarker.ID);
            }
        }
        for (String address : identity.addresses()) {
            for (String form : List.of(address, address.replaceFirst("^\\d+\\w?[\\s,]+", ""))) {
                if (form.length() >= MIN_ADDRESS_LENGTH) {
                    literals.putIfAbsent(phrase(form, "[\\s,]{0,3}"), ScrubMarker.ADDRESS);
                }
            }
        }
        for (String name : nameForms(identity.names())) {
            literals.putIfAbsent(phrase(name, "\\s{1,3}"), ScrubMarker.NAME);
        }
        literals.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, ScrubMarker> e) -> e.getKey().length()).reversed())
                .forEach(e -> rules.add(ScrubRule.of(Pattern.compile(WORD_BEFORE + e.getKey() + WORD_AFTER, FLAGS), e.getValue())));
        return rules;
    }

    /** Each name, its parts (at spaces and hyphens, without particles) and their accent-free spellings. */
    private static Set<String> nameForms(List<String> names) {
        Set<String> forms = new LinkedHashSet<>();
        for (String name : names) {
            if (!PARTICLES.contains(name.toLowerCase(Locale.ROOT))) {
                forms.add(name);
            }
            for (String part : name.split("[\\s\\-‐]+")) {
                if (!PARTICLES.contains(part.toLowerCase(Locale.ROOT))) {
                    forms.add(part);
                }
            }
        }
        Set<String> all = new LinkedHashSet<>();
        for (String form : forms) {
            all.add(form);
            all.add(withoutAccents(form));
            all.add(transliterated(form));
        }
        all.removeIf(n -> n.strip().length() < MIN_NAME_LENGTH);
        return all;
    }

    private static String withoutAccents(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    private static String transliterated(String text) {
        return withoutAccents(text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("Ä", "Ae")
                .replace("Ö", "Oe").replace("Ü", "Ue").replace("ß", "ss"));
    }

    /** The words of {@code text}, quoted, joined by {@code gap}. */
    private static String phrase(String text, String gap) {
        return java.util.Arrays.stream(text.strip().split("\\s+")).map(Pattern::quote).collect(Collectors.joining(gap));
    }

    /** The characters of {@code text}, quoted, with {@code gap} allowed between any two. */
    private static String spaced(String text, String gap) {
        return text.codePoints().mapToObj(c -> Pattern.quote(new String(Character.toChars(c)))).collect(Collectors.joining(gap));
    }

    private static List<String> dateForms(LocalDate date) {
        String yyyy = String.valueOf(date.getYear());
        String yy = yyyy.substring(2);
        String mm = String.format(Locale.ROOT, "%02d", date.getMonthValue());
        String dd = String.format(Locale.ROOT, "%02d", date.getDayOfMonth());
        String m = "0?" + date.getMonthValue();
        String d = "0?" + date.getDayOfMonth();
        String months = "(?:" + monthNames(date).stream().map(Pattern::quote).collect(Collectors.joining("|")) + ")";
        return List.of(
                yyyy + mm + dd,
                yyyy + "\\s*[./-]\\s*" + mm + "\\s*[./-]\\s*" + dd,
                d + "\\s*[./-]\\s*" + m + "\\s*[./-]\\s*(?:" + yyyy + "|" + yy + ")",
                m + "\\s*/\\s*" + d + "\\s*/\\s*(?:" + yyyy + "|" + yy + ")",
                d + "(?:st|nd|rd|th)?\\.?[\\s/-]*(?:of\\s+)?" + months + "\\.?,?[\\s/-]*" + yyyy,
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
