package org.pacsbridge.xraydar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;
import org.pacsbridge.ops.FindingsMetrics;
import org.pacsbridge.reports.ChestReportFilter;
import org.pacsbridge.reports.Report;
import org.pacsbridge.reports.ReportReader;

/**
 * Which reports of routes/reports-kafka.yaml go to X-Raydar-NLP: {@link ChestReportFilter} while the
 * enrichment is on; counts and logs the reports it leaves out.
 */
@ApplicationScoped
@Named("reportFilter")
public class NlpReportFilter {

    private static final Logger LOG = Logger.getLogger(NlpReportFilter.class);

    @Inject
    ChestReportFilter filter;

    @Inject
    FindingsMetrics metrics;

    @Inject
    XraydarConfig config;

    /** Whether this report goes to X-Raydar-NLP: the enrichment is on and it is a chest X-ray report. */
    public boolean accept(Exchange exchange) {
        if (!config.nlp().enabled()) {
            return false;
        }
        Report report = exchange.getProperty(ReportReader.REPORT, Report.class);
        boolean chest = filter.isChest(report);
        if (!chest) {
            metrics.filtered("nlp", "not-chest");
            LOG.debugf("Report for accession %s is not a chest X-ray report; not sent to X-Raydar-NLP", report.accessionNumber());
        }
        return chest;
    }
}
