package org.pacsbridge.dicom;

import java.util.regex.Pattern;

/**
 * Action C (clean) for descriptions kept by {@link DeidentificationOptions#keepDescriptions()}:
 * dates and runs of four or more digits, the usual shape of identifiers, accession numbers and
 * dates typed into free text, are replaced by {@code *}. Names typed into a description cannot be
 * recognised this way; keeping descriptions is the caller's choice for that reason.
 */
final class DescriptionCleaner {

    private static final Pattern IDENTIFIER_LIKE =
            Pattern.compile("\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}|\\d{4,}");

    private DescriptionCleaner() {
    }

    static String clean(String text) {
        return IDENTIFIER_LIKE.matcher(text).replaceAll("*");
    }
}
