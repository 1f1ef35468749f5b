package org.pacsbridge.tcia;

/** Answer formats selectable with the {@code format} query parameter. The typed calls always use JSON. */
public enum TciaFormat {
    JSON("json"),
    CSV("csv"),
    XML("xml"),
    HTML("html");

    private final String parameterValue;

    TciaFormat(String parameterValue) {
        this.parameterValue = parameterValue;
    }

    /** The value sent as {@code format=}. */
    public String parameterValue() {
        return parameterValue;
    }
}
