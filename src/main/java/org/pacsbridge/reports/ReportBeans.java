package org.pacsbridge.reports;

import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The report flow's parser, extractor and filter, set up from {@code pacs.reports.*}. */
@ApplicationScoped
public class ReportBeans {

    @ConfigProperty(name = "pacs.reports.accession-fields")
    List<String> accessionFields;

    @ConfigProperty(name = "pacs.reports.chest-procedure-codes")
    List<String> chestProcedureCodes;

    @ConfigProperty(name = "pacs.reports.chest-description-pattern")
    String chestDescriptionPattern;

    @Produces
    @Singleton
    Hl7MessageParser parser() {
        return new Hl7MessageParser();
    }

    @Produces
    @Singleton
    ReportExtractor extractor() {
        return new ReportExtractor();
    }

    @Produces
    @Singleton
    ExtractionSettings extractionSettings() {
        return new ExtractionSettings(accessionFields, ZoneId.systemDefault());
    }

    @Produces
    @Singleton
    ChestReportFilter chestReportFilter() {
        return new ChestReportFilter(chestProcedureCodes, Pattern.compile(chestDescriptionPattern));
    }

    @Produces
    @Singleton
    AckBuilder ackBuilder() {
        return new AckBuilder();
    }

    @Produces
    @Singleton
    ReportJson reportJson() {
        return new ReportJson();
    }

    @Produces
    @Singleton
    ReportTextScrubber scrubber() {
        return new ReportTextScrubber();
    }
}
