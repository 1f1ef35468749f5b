package org.pacsbridge.xraydar;

import java.io.File;
import java.io.IOException;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Message;
import org.jboss.logging.Logger;
import org.pacsbridge.camel.dicom.DicomConstants;
import org.pacsbridge.dicom.BurnedInAnnotation;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The route's view of {@link BurnedInAnnotationRule} before an image goes to X-Raydar-CV: with
 * {@code pacs.xraydar.cv.burned-in-annotation=refuse} an image that may carry burned-in text is
 * refused (routes/xraydar-cv.yaml dead-letters it); with {@code send} it goes anyway. Either way it
 * is counted in {@code pacs_xraydar_burned_in_annotation_total{endpoint="cv",action}}.
 */
@ApplicationScoped
@Named("cvBurnedInAnnotation")
public class CvBurnedInAnnotation {

    /** The dead-letter reason of a refused image. */
    public static final String REASON = "burned-in-annotation";

    private static final Logger LOG = Logger.getLogger(CvBurnedInAnnotation.class);
    private static final String METER = "pacs_xraydar_burned_in_annotation_total";

    @Inject
    XraydarConfig config;

    @Inject
    MeterRegistry registry;

    private BurnedInAnnotationRule rule;

    @PostConstruct
    void rule() {
        rule = new BurnedInAnnotationRule(
                config.cv().burnedInAnnotationAssumedModalities().orElse(java.util.List.of()),
                config.cv().burnedInAnnotationAssumedSopClasses().orElse(java.util.List.of()));
    }

    /** @return true if the image must not be sent */
    public boolean refuses(Message message) throws IOException {
        BurnedInAnnotationRule.Finding finding = rule.examine(BurnedInAnnotation.read(message.getBody(File.class).toPath()));
        if (!finding.mayCarryText()) {
            return false;
        }
        boolean refuse = config.cv().burnedInAnnotation() == XraydarConfig.BurnedInAnnotationPolicy.REFUSE;
        registry.counter(METER, "endpoint", "cv", "action", refuse ? "refused" : "sent").increment();
        LOG.infof("%s may carry burned-in text (%s): %s", uid(message), finding.name().toLowerCase(java.util.Locale.ROOT),
                refuse ? "not sent to X-Raydar-CV" : "sent anyway, as pacs.xraydar.cv.burned-in-annotation=send");
        return refuse;
    }

    /** The SOP Instance UID for a log line: only the characters a UID may have. */
    private static String uid(Message message) {
        String uid = String.valueOf(message.getHeader(DicomConstants.SOP_INSTANCE_UID, String.class));
        String shown = uid.replaceAll("[^0-9.]", "?");
        return shown.length() > 64 ? shown.substring(0, 64) + "..." : shown;
    }
}
