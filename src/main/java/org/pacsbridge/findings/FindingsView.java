package org.pacsbridge.findings;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.component.kafka.KafkaConstants;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The latest study events, for the findings view: fed by routes/findings.yaml from
 * {@code pacs.findings.study} (every replica reads the whole topic, so each one's view shows
 * every study), bounded to the most recently updated {@code pacs.findings.view.max-studies}.
 */
@ApplicationScoped
@Named("findingsView")
public class FindingsView {

    private static final Logger LOG = Logger.getLogger(FindingsView.class);

    @Inject
    ObjectMapper json;

    @Inject
    FindingsConfig config;

    private final Map<String, Entry> studies = new HashMap<>();
    private long version;

    private record Entry(JsonNode event, long revision, Instant updatedAt) {
    }

    public boolean enabled() {
        return config.view().enabled();
    }

    /** Takes one study event in; an older revision of a study than the one kept is ignored. */
    public void update(@Header(KafkaConstants.KEY) String key, @Body byte[] value) {
        if (key == null || value == null) {
            return;
        }
        JsonNode event;
        Instant updatedAt;
        try {
            event = json.readTree(value);
            updatedAt = Instant.parse(event.path("timing").path("updatedAt").asText());
        } catch (IOException | DateTimeParseException e) {
            LOG.warnf("Study event for %s is not readable by the view; skipped", key);
            return;
        }
        if (!StudyEventWriter.STUDY_SCHEMA.equals(event.path("schema").asText())
                || updatedAt.isBefore(Instant.now().minus(config.view().lookback()))) {
            return;
        }
        long revision = event.path("revision").asLong();
        synchronized (this) {
            Entry current = studies.get(key);
            if (current != null && current.revision() > revision) {
                return;
            }
            studies.put(key, new Entry(event, revision, updatedAt));
            version++;
            while (studies.size() > config.view().maxStudies()) {
                studies.values().stream().min(Comparator.comparing(Entry::updatedAt))
                        .ifPresent(oldest -> studies.values().remove(oldest));
            }
        }
    }

    /** The view's JSON: the studies, most recently updated first, and a version that changes with them. */
    public synchronized ObjectNode snapshot(int limit) {
        ObjectNode answer = json.createObjectNode();
        answer.put("version", version);
        answer.put("generatedAt", Instant.now().toString());
        var watched = answer.putArray("watchedFindings");
        DiscrepancyRules.from(config.alerts()).watchedFindings().forEach(watched::add);
        List<Entry> entries = new ArrayList<>(studies.values());
        entries.sort(Comparator.comparing(Entry::updatedAt).reversed());
        var list = answer.putArray("studies");
        entries.stream().limit(Math.max(0, limit)).forEach(e -> list.add(e.event()));
        return answer;
    }

    public synchronized Optional<JsonNode> study(String key) {
        return Optional.ofNullable(studies.get(key)).map(Entry::event);
    }
}
