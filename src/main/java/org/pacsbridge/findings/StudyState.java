package org.pacsbridge.findings;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;

/**
 * What the correlation remembers of one study: every image read (by SOP Instance UID), the
 * report version that counts, and the alerts already raised. Stored as JSON in the Kafka Streams
 * store, so its changelog topic — not any one process — holds it.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public final class StudyState {

    private String key;
    private StudyIds study;
    private Map<String, ImageRead> images = new LinkedHashMap<>();
    private ReportRead report;
    /** alert key → when it was raised; an alert is raised once per study. */
    private Map<String, Instant> raisedAlerts = new LinkedHashMap<>();
    private Instant openedAt;
    private Instant updatedAt;
    private long revision;

    StudyState() {
        // for Jackson
    }

    public static StudyState open(String key, Instant at) {
        StudyState state = new StudyState();
        state.key = key;
        state.openedAt = at;
        state.updatedAt = at;
        return state;
    }

    /**
     * Takes one side's findings in. Returns whether the study changed: a resent image with the
     * same findings, or a report version older than the one kept, changes nothing.
     */
    public boolean apply(FindingsInput input, Instant at) {
        boolean changed = input instanceof FindingsInput.Image image
                ? applyImage(image.read())
                : applyReport(((FindingsInput.Report) input).read());
        StudyIds merged = input.study().fill(study);
        if (!merged.equals(study)) {
            study = merged;
            changed = true;
        }
        if (changed) {
            updatedAt = at.isAfter(updatedAt) ? at : updatedAt;
            revision++;
        }
        return changed;
    }

    private boolean applyImage(ImageRead read) {
        ImageRead current = images.get(read.sopInstanceUid());
        if (current != null && sameFindings(current, read)) {
            return false;
        }
        images.put(read.sopInstanceUid(), read);
        return true;
    }

    private static boolean sameFindings(ImageRead a, ImageRead b) {
        return a.probabilities().equals(b.probabilities()) && Objects.equals(a.urgency(), b.urgency())
                && Objects.equals(a.viewPosition(), b.viewPosition());
    }

    private boolean applyReport(ReportRead read) {
        if (!read.supersedes(report)) {
            return false;
        }
        report = read;
        return true;
    }

    /** Whether no event came for longer than the window before {@code now}. */
    public boolean expired(Instant now, Duration window) {
        return updatedAt.plus(window).isBefore(now);
    }

    /** Records that an alert was raised; false if it had been raised before. */
    public boolean raise(String alertKey, Instant at) {
        return raisedAlerts.putIfAbsent(alertKey, at) == null;
    }

    public Instant raisedAt(String alertKey) {
        return raisedAlerts.get(alertKey);
    }

    public String key() {
        return key;
    }

    public StudyIds study() {
        return study;
    }

    public Collection<ImageRead> images() {
        return images.values();
    }

    public ReportRead report() {
        return report;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long revision() {
        return revision;
    }
}
