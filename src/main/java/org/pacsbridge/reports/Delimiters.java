package org.pacsbridge.reports;

/**
 * The five ER7 delimiters of one message (MSH-1 and MSH-2).
 */
record Delimiters(char field, char component, char repetition, char escape, char subcomponent) {

    static final Delimiters DEFAULT = new Delimiters('|', '^', '~', '\\', '&');

    static Delimiters of(char fieldSeparator, String encodingCharacters) {
        return new Delimiters(fieldSeparator, encodingCharacters.charAt(0), encodingCharacters.charAt(1),
                encodingCharacters.charAt(2), encodingCharacters.charAt(3));
    }

    String encodingCharacters() {
        return new String(new char[] {component, repetition, escape, subcomponent});
    }
}
