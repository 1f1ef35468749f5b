package org.pacsbridge.xraydar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Message;
import org.jboss.logging.Logger;
import org.pacsbridge.camel.dicom.DicomConstants;
import org.pacsbridge.ops.FindingsMetrics;

/** The route's view of {@link ChestRadiographFilter}: reads the image headers, counts and logs what it filters out. */
@ApplicationScoped
@Named("cvFilter")
public class CvFilter {

    private static final Logger LOG = Logger.getLogger(CvFilter.class);

    @Inject
    ChestRadiographFilter filter;

    @Inject
    FindingsMetrics metrics;

    public boolean accept(Message message) {
        return acceptFor(message, "cv");
    }

    /** The same decision for another flow that sends images to X-Raydar-CV, counted under its {@code source}. */
    public boolean acceptFor(Message message, String source) {
        ChestRadiographFilter.Decision decision = filter.decide(new ChestRadiographFilter.Image(
                message.getHeader(DicomConstants.MODALITY, String.class),
                message.getHeader(DicomConstants.BODY_PART_EXAMINED, String.class),
                message.getHeader(DicomConstants.STUDY_DESCRIPTION, String.class),
                message.getHeader(DicomConstants.SERIES_DESCRIPTION, String.class),
                message.getHeader(DicomConstants.PRESENTATION_INTENT_TYPE, String.class),
                message.getHeader(DicomConstants.VIEW_POSITION, String.class),
                message.getHeader(DicomConstants.SOP_CLASS_UID, String.class)));
        if (!decision.accepted()) {
            metrics.filtered(source, decision.reason());
            LOG.debugf("%s is not a chest radiograph for X-Raydar-CV (%s)",
                    message.getHeader(DicomConstants.SOP_INSTANCE_UID), decision.reason());
        }
        return decision.accepted();
    }
}
