package org.pacsbridge.reports;

import java.time.ZoneId;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The report flow's parser, extractor and filter, set up from {@code pacs.reports.*}. */
@ApplicationScoped
public class ReportBeans {

    @Inject
    ReportsConfig config;

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
        return new ExtractionSettings(config.accessionFields(), ZoneId.systemDefault());
    }

    @Produces
    @Singleton
    ChestReportFilter chestReportFilter() {
        return new ChestReportFilter(config.chestProcedureCodes(), Pattern.compile(config.chestDescriptionPattern()));
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
