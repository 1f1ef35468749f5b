package org.pacsbridge.findings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;
import org.pacsbridge.ops.DeadLetterHeaders;
import org.pacsbridge.model.FindingsHeaders;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The heart of study correlation: for each findings event, loads the study's state, takes the
 * event in, and — if the study changed — stores the state, publishes the study event and raises
 * the alerts not raised before. Events that are not usable findings events go to the dead-letter
 * topic with the reason. Logs carry study keys (accession numbers or Study Instance UIDs) only.
 */
final class StudyCorrelationProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger LOG = Logger.getLogger(StudyCorrelationProcessor.class);

    private final StudyCorrelationTopology.Parts parts;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> store;

    StudyCorrelationProcessor(StudyCorrelationTopology.Parts parts) {
        this.parts = parts;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(StudyCorrelationTopology.STORE);
        context.schedule(parts.expiryScanInterval(), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String key = record.key();
        if (key == null || key.isBlank()) {
            deadLetter(record, "findings event without a key (accession number or Study Instance UID)");
            return;
        }
        FindingsInput input;
        try {
            input = parts.reader().read(record.value());
        } catch (FindingsEventFormatException e) {
            deadLetter(record, "not a usable findings event: " + e.getMessage());
            return;
        }
        Instant at = Instant.ofEpochMilli(record.timestamp());
        StudyState state = load(key);
        if (state != null && state.expired(at, parts.window())) {
            LOG.infof("Study %s: last event older than the correlation window (%s); starting afresh", key, parts.window());
            state = null;
        }
        if (state == null) {
            state = StudyState.open(key, at);
        }
        if (!state.apply(input, at)) {
            LOG.debugf("Study %s: event changes nothing", key);
            return;
        }
        List<StudyFinding> findings = StudyFindings.combine(state, parts.frontal());
        List<Alert> alerts = parts.rules().evaluate(state, findings);
        List<Alert> fresh = new ArrayList<>();
        for (Alert alert : alerts) {
            if (state.raise(alert.key(), at)) {
                fresh.add(alert);
            }
        }
        store.put(key, write(state));
        String source = input instanceof FindingsInput.Image ? "cv" : "nlp";
        String correlationId = header(record.headers(), FindingsHeaders.CORRELATION_ID);
        context.forward(record.withValue(write(parts.writer().study(state, findings, alerts, source)))
                .withHeaders(headers(StudyEventWriter.STUDY_SCHEMA, correlationId)), StudyCorrelationTopology.STUDY_SINK);
        parts.metrics().studyEvent(source);
        for (Alert alert : fresh) {
            Headers headers = headers(StudyEventWriter.ALERT_SCHEMA, correlationId);
            headers.add("pacs.alert-rule", alert.rule().getBytes(StandardCharsets.UTF_8));
            context.forward(record.withValue(write(parts.writer().alert(state, alert, state.raisedAt(alert.key()))))
                    .withHeaders(headers), StudyCorrelationTopology.ALERT_SINK);
            parts.metrics().alert(alert.rule());
            LOG.infof("Alert %s raised for study %s%s", alert.rule(), key,
                    alert.finding() == null ? "" : " (" + alert.finding().code() + ")");
        }
    }

    private void expire(long now) {
        Instant cutoff = Instant.ofEpochMilli(now);
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                if (read(entry.value).expired(cutoff, parts.window())) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(store::delete);
        if (!expired.isEmpty()) {
            LOG.infof("Closed %d studies with no event within %s", expired.size(), parts.window());
        }
    }

    private void deadLetter(Record<String, byte[]> record, String reason) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
        headers.add(DeadLetterHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.SOURCE_ROUTE, "findings-correlation".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, topic.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.FAILED_AT, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        context.forward(record.withHeaders(headers), StudyCorrelationTopology.DEAD_LETTER_SINK);
        parts.metrics().rejected();
        LOG.warnf("Findings event from %s (key %s) dead-lettered: %s", topic, record.key(), reason);
    }

    private StudyState load(String key) {
        byte[] bytes = store.get(key);
        return bytes == null ? null : read(bytes);
    }

    private StudyState read(byte[] bytes) {
        try {
            return parts.json().readValue(bytes, StudyState.class);
        } catch (IOException e) {
            // only this node writes the store; unreadable state is a defect, not bad input
            throw new UncheckedIOException("unreadable study state", e);
        }
    }

    private byte[] write(Object value) {
        try {
            return parts.json().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Headers headers(String schema, String correlationId) {
        Headers headers = new RecordHeaders();
        headers.add(FindingsHeaders.SCHEMA, schema.getBytes(StandardCharsets.UTF_8));
        headers.add(FindingsHeaders.SOURCE, "correlation".getBytes(StandardCharsets.UTF_8));
        if (correlationId != null) {
            headers.add(FindingsHeaders.CORRELATION_ID, correlationId.getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
