package org.pacsbridge.results;

import java.util.Objects;

/**
 * A coded concept (PS3.3 section 8.8): code value, coding scheme designator and code meaning.
 *
 * @param value   the code value; longer than 16 characters it is written as Long Code Value
 * @param scheme  the coding scheme designator, e.g. {@code DCM}, {@code SCT}, {@code UCUM}
 * @param meaning the code meaning, for people
 */
public record Code(String value, String scheme, String meaning) {

    public Code {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(meaning, "meaning");
    }
}
