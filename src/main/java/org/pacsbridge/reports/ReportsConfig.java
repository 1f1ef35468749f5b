package org.pacsbridge.reports;

import java.util.List;

import io.smallrye.config.ConfigMapping;

/** The report flow's settings ({@code pacs.reports.*}); defaults in config/application.properties. */
@ConfigMapping(prefix = "pacs.reports")
public interface ReportsConfig {

    /** Consumer group of the reports topic (read by routes/reports-kafka.yaml). */
    String consumerGroup();

    /** Records per poll of the reports topic (routes/reports-kafka.yaml). */
    int maxPollRecords();

    /** Longest gap between two polls of the reports topic (routes/reports-kafka.yaml). */
    long maxPollIntervalMs();

    /** Where the accession number is looked for, in order. */
    List<String> accessionFields();

    List<String> chestProcedureCodes();

    String chestDescriptionPattern();
}
