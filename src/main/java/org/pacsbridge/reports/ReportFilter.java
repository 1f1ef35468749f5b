package org.pacsbridge.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pacsbridge.ops.FindingsMetrics;

/** The route's view of {@link ChestReportFilter}: counts and logs the reports it leaves out. */
@ApplicationScoped
@Named("reportFilter")
public class ReportFilter {

    private static final Logger LOG = Logger.getLogger(ReportFilter.class);

    @Inject
    ChestReportFilter filter;

    @Inject
    FindingsMetrics metrics;

    @ConfigProperty(name = "pacs.xraydar.nlp.enabled", defaultValue = "true")
    boolean nlpEnabled;

    /** Whether this report goes to X-Raydar-NLP: the enrichment is on and it is a chest X-ray report. */
    public boolean accept(Exchange exchange) {
        if (!nlpEnabled) {
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
