package org.pacsbridge.model;

/** The Kafka headers every findings, study and alert event carries (docs/asyncapi.yaml). */
public final class FindingsHeaders {

    public static final String SCHEMA = "pacs.schema";
    public static final String SOURCE = "pacs.source";
    public static final String ENGINE = "pacs.engine";
    public static final String CORRELATION_ID = "pacs.correlation-id";

    private FindingsHeaders() {
    }
}
