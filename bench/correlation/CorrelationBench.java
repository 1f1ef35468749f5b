import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.pacsbridge.findings.CorrelationMetrics;
import org.pacsbridge.findings.DiscrepancyRules;
import org.pacsbridge.findings.FrontalViews;
import org.pacsbridge.findings.StudyCorrelationTopology;
import org.pacsbridge.model.FindingCatalogue;
import org.pacsbridge.model.FindingThresholds;
import org.pacsbridge.model.FindingsEventBuilder;
import org.pacsbridge.model.FindingsHeaders;
import org.pacsbridge.model.XraydarResult;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Throughput of the node's study correlation topology on a real broker, against a pass-through
 * topology of the same shape without the state store.
 *
 * <pre>
 * load BOOTSTRAP N IMAGES_PER_STUDY PARTITIONS SEED
 *     creates pacs.findings.cv / pacs.findings.nlp and writes N findings events to them, built with
 *     the node's own FindingsEventBuilder: per study IMAGES_PER_STUDY image events, then its report event.
 * run BOOTSTRAP correlation|passthrough RUN_ID N PARTITIONS CONFIG_FILE STATE_DIR
 *     starts the topology under a fresh application id, reading both topics from their start, and
 *     waits until N records are committed on its output (read_committed). Prints key=value figures.
 * </pre>
 */
public final class CorrelationBench {

    static final String CV = "pacs.findings.cv";
    static final String NLP = "pacs.findings.nlp";
    private static final String[] VIEWS = {"PA", "LATERAL", "AP", "PA"};
    private static final String[] URGENCIES = {"normal", "non-urgent", "urgent", "critical"};
    // share of images per urgency (cumulative, of 100): mostly normal, a few urgent or critical
    private static final int[] URGENCY_SHARES = {70, 92, 98, 100};
    // a study's report comes in after the images of this many later studies
    private static final int REPORT_LAG_STUDIES = 20;

    // strong references: java.util.logging forgets loggers nobody holds
    private static final List<java.util.logging.Logger> QUIET = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        quietKafkaLogs();
        switch (args[0]) {
            case "load" -> load(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Long.parseLong(args[5]));
            case "run" -> run(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Path.of(args[6]), Path.of(args[7]));
            default -> throw new IllegalArgumentException("load or run, not " + args[0]);
        }
        System.exit(0);
    }

    private static void quietKafkaLogs() {
        for (String name : List.of("org.apache.kafka", "kafka")) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            QUIET.add(logger);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Input
    // ---------------------------------------------------------------------------------------------

    private static void load(String bootstrap, int n, int imagesPerStudy, int partitions, long seed) throws Exception {
        createTopics(bootstrap, partitions, CV, NLP);
        Random random = new Random(seed);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        long bytes = 0;
        int images = 0;
        int reports = 0;
        int alertsExpectedUrgent = 0;
        Instant now = Instant.now();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            Deque<Integer> reportsDue = new ArrayDeque<>();
            int study = 0;
            int sent = 0;
            while (sent < n) {
                // images of the next study, then the report of a study REPORT_LAG_STUDIES earlier
                study++;
                for (int i = 0; i < imagesPerStudy && sent < n; i++) {
                    String urgency = urgency(random);
                    if (urgency.equals("urgent") || urgency.equals("critical")) {
                        alertsExpectedUrgent++;
                    }
                    byte[] value = image(study, i, urgency, random, now);
                    send(producer, CV, accession(study), value, "cv", sopInstanceUid(study, i));
                    bytes += value.length;
                    images++;
                    sent++;
                }
                reportsDue.add(study);
                while (sent < n && (reportsDue.size() > REPORT_LAG_STUDIES || sent + reportsDue.size() >= n)) {
                    int due = reportsDue.poll();
                    byte[] value = report(due, random, now);
                    send(producer, NLP, accession(due), value, "nlp", "R" + due + ":1");
                    bytes += value.length;
                    reports++;
                    sent++;
                }
            }
            producer.flush();
            System.out.printf(Locale.ROOT, "events=%d images=%d reports=%d studies=%d bytes=%d urgent_images=%d%n",
                    sent, images, reports, study, bytes, alertsExpectedUrgent);
        }
        if (System.getenv("BENCH_SAMPLE_DIR") != null) {
            Path dir = Path.of(System.getenv("BENCH_SAMPLE_DIR"));
            Files.write(dir.resolve("sample-image.json"), image(1, 0, "normal", new Random(seed), now));
            Files.write(dir.resolve("sample-report.json"), report(1, new Random(seed), now));
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value, String source,
            String correlationId) {
        // the headers FindingsEvents.describe puts on every findings event
        RecordHeaders headers = new RecordHeaders();
        headers.add(FindingsHeaders.SCHEMA, FindingsEventBuilder.SCHEMA.getBytes(StandardCharsets.UTF_8));
        headers.add(FindingsHeaders.SOURCE, source.getBytes(StandardCharsets.UTF_8));
        headers.add(FindingsHeaders.ENGINE, ("x-raydar-" + source).getBytes(StandardCharsets.UTF_8));
        headers.add(FindingsHeaders.CORRELATION_ID, correlationId.getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(topic, null, key, value, headers));
    }

    static String accession(int study) {
        return String.format(Locale.ROOT, "BENCH%07d", study);
    }

    static String studyInstanceUid(int study) {
        return "1.2.826.0.1.3680043.10.543." + study;
    }

    static String sopInstanceUid(int study, int image) {
        return studyInstanceUid(study) + "." + (image / 2 + 1) + "." + (image + 1);
    }

    private static String urgency(Random random) {
        int draw = random.nextInt(100);
        for (int i = 0; i < URGENCY_SHARES.length; i++) {
            if (draw < URGENCY_SHARES[i]) {
                return URGENCIES[i];
            }
        }
        return URGENCIES[0];
    }

    /** As CvEnrichment writes it for one image. */
    static byte[] image(int study, int index, String urgency, Random random, Instant now) {
        Map<String, String> image = new LinkedHashMap<>();
        image.put("seriesInstanceUid", studyInstanceUid(study) + "." + (index / 2 + 1));
        image.put("sopInstanceUid", sopInstanceUid(study, index));
        image.put("sopClassUid", "1.2.840.10008.5.1.4.1.1.1");
        image.put("modality", "CR");
        image.put("viewPosition", VIEWS[index % VIEWS.length]);
        return FindingsEventBuilder.cv()
                .study(accession(study), studyInstanceUid(study), "PID" + study)
                .image(image)
                .result(new XraydarResult(urgency, probabilities(random), List.of(), List.of()), thresholds())
                .engine("x-raydar-cv", "http://xraydar-cv.example:8000/api/predict", false)
                .receivedAt(now.minusMillis(900))
                .build(now).getBytes(StandardCharsets.UTF_8);
    }

    /** As NlpEnrichment writes it for the first version of a final report. */
    static byte[] report(int study, Random random, Instant now) {
        Map<String, Double> attributes = new LinkedHashMap<>();
        for (String label : List.of("normal", "comparison", "recommendation", "possible_diagnosis", "technical_issue",
                "undefined_sentence", "other")) {
            attributes.put(label, round(random.nextDouble()));
        }
        return FindingsEventBuilder.nlp()
                .study(accession(study), null, "PID" + study)
                .report("R" + study, "final", "1")
                .result(new XraydarResult("normal", probabilities(random), List.of(), List.of(), XraydarResult.Vocabulary.NLP,
                        attributes), thresholds())
                .reportText(180 + random.nextInt(200), 512, false, false)
                .engine("x-raydar-nlp", "http://xraydar-nlp.example:8001/api/predict", false)
                .receivedAt(now.minusMillis(400))
                .build(now).getBytes(StandardCharsets.UTF_8);
    }

    private static List<XraydarResult.FindingProbability> probabilities(Random random) {
        // mostly low probabilities, now and then a high one
        return FindingCatalogue.all().stream()
                .map(f -> new XraydarResult.FindingProbability(f, round(Math.pow(random.nextDouble(), 6))))
                .toList();
    }

    private static double round(double p) {
        return Math.round(p * 10000) / 10000.0;
    }

    private static FindingThresholds thresholds() {
        return new FindingThresholds(0.5, Map.of());
    }

    // ---------------------------------------------------------------------------------------------
    // Measured run
    // ---------------------------------------------------------------------------------------------

    private static void run(String bootstrap, String mode, String runId, int n, int partitions, Path configFile, Path stateDir)
            throws Exception {
        Map<String, String> config = nodeConfig(configFile);
        String output = "bench." + runId + ".out";
        String alerts = "bench." + runId + ".alerts";
        String deadLetters = "bench." + runId + ".deadletter";
        Topology topology;
        if (mode.equals("correlation")) {
            createTopics(bootstrap, partitions, output, alerts, deadLetters);
            topology = StudyCorrelationTopology.build(new StudyCorrelationTopology.Topics(CV, NLP, output, alerts, deadLetters),
                    rules(config), frontal(config), duration(config.get("pacs.findings.correlation.window")),
                    duration(config.get("pacs.findings.correlation.expiry-scan-interval")), new ObjectMapper(),
                    new CorrelationMetrics(new SimpleMeterRegistry()));
        } else if (mode.equals("passthrough")) {
            createTopics(bootstrap, partitions, output);
            topology = passThrough(output);
        } else {
            throw new IllegalArgumentException("correlation or passthrough, not " + mode);
        }
        Properties props = streamsProperties(bootstrap, "bench-" + runId, stateDir, config);

        List<TopicPartition> outputPartitions = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            outputPartitions.add(new TopicPartition(output, i));
        }
        AtomicLong seen = new AtomicLong();
        AtomicLong firstAt = new AtomicLong();
        AtomicLong lastAt = new AtomicLong();
        CountDownLatch consumerReady = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread counter = new Thread(() -> {
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.assign(outputPartitions);
                consumer.seekToBeginning(outputPartitions);
                outputPartitions.forEach(consumer::position);
                consumerReady.countDown();
                while (seen.get() < n) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    if (!records.isEmpty()) {
                        long now = System.nanoTime();
                        if (seen.get() == 0) {
                            firstAt.set(now);
                        }
                        seen.addAndGet(records.count());
                        lastAt.set(now);
                    }
                }
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                // stopped by the timeout
            }
            done.countDown();
        }, "output-counter");
        counter.setDaemon(true);
        counter.start();
        consumerReady.await();

        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(e -> {
            e.printStackTrace();
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        // generous: a run that stalls fails instead of hanging, a slow one on a busy machine still finishes
        long timeoutS = Long.parseLong(System.getenv().getOrDefault("RUN_TIMEOUT_S", Long.toString(Math.max(600, n / 20))));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        boolean complete = false;
        while (!complete && System.nanoTime() < deadline) {
            complete = done.await(1, TimeUnit.SECONDS);
            KafkaStreams.State state = streams.state();
            if (!complete && (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                    || state == KafkaStreams.State.NOT_RUNNING)) {
                break;
            }
        }
        long t1 = lastAt.get();
        long cpu1 = os.getProcessCpuTime();
        streams.close(Duration.ofSeconds(30));
        if (!complete) {
            counter.interrupt();
            System.out.printf(Locale.ROOT, "complete=false records=%d expected=%d state=%s%n", seen.get(), n, streams.state());
            System.exit(3);
        }
        long deadLettered = mode.equals("correlation") ? count(bootstrap, deadLetters, partitions) : 0;
        long alerted = mode.equals("correlation") ? count(bootstrap, alerts, partitions) : 0;
        double seconds = (t1 - t0) / 1e9;
        double steady = (t1 - firstAt.get()) / 1e9;
        System.out.printf(Locale.ROOT,
                "complete=true mode=%s records=%d seconds=%.3f rate=%.1f first_output_s=%.3f steady_seconds=%.3f steady_rate=%.1f"
                        + " process_cpu_s=%.2f alerts=%d deadletters=%d guarantee=%s%n",
                mode, seen.get(), seconds, n / seconds, (firstAt.get() - t0) / 1e9, steady,
                steady > 0 ? (seen.get() - 1) / steady : 0.0, (cpu1 - cpu0) / 1e9, alerted, deadLettered,
                props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    }

    /** The same source and sink shape as the correlation, one output record per input, no state store. */
    static Topology passThrough(String output) {
        Topology topology = new Topology();
        topology.addSource("findings-events", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), CV, NLP);
        topology.addProcessor("pass", () -> new Processor<String, byte[], String, byte[]>() {
            private ProcessorContext<String, byte[]> context;

            @Override
            public void init(ProcessorContext<String, byte[]> context) {
                this.context = context;
            }

            @Override
            public void process(Record<String, byte[]> record) {
                context.forward(record);
            }
        }, "findings-events");
        topology.addSink("out", output, Serdes.String().serializer(), Serdes.ByteArray().serializer(), "pass");
        return topology;
    }

    /** The Streams properties StudyCorrelation.properties() gives the node's correlation, from the same settings. */
    static Properties streamsProperties(String bootstrap, String applicationId, Path stateDir, Map<String, String> config) {
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, System.getenv().getOrDefault("PROCESSING_GUARANTEE",
                config.get("pacs.findings.correlation.processing-guarantee")));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        long session = duration(config.get("pacs.findings.correlation.session-timeout")).toMillis();
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) session);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), (int) Math.max(1000, session / 5));
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return props;
    }

    // ---------------------------------------------------------------------------------------------
    // The node's shipped settings (config/application.properties, default profile)
    // ---------------------------------------------------------------------------------------------

    static Map<String, String> nodeConfig(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        Map<String, String> config = new HashMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("pacs.findings.")).forEach(k -> config.put(k, p.getProperty(k).trim()));
        return config;
    }

    static DiscrepancyRules rules(Map<String, String> config) {
        if (!Boolean.parseBoolean(config.get("pacs.findings.alerts.enabled"))) {
            return new DiscrepancyRules(Map.of(), Set.of());
        }
        DiscrepancyRules.Thresholds t = new DiscrepancyRules.Thresholds(
                Double.parseDouble(config.get("pacs.findings.alerts.image-high")),
                Double.parseDouble(config.get("pacs.findings.alerts.report-low")),
                Double.parseDouble(config.get("pacs.findings.alerts.report-high")),
                Double.parseDouble(config.get("pacs.findings.alerts.image-low")),
                Boolean.parseBoolean(config.get("pacs.findings.alerts.report-positive-image-negative")));
        Map<String, DiscrepancyRules.Thresholds> watched = new LinkedHashMap<>();
        list(config.get("pacs.findings.alerts.findings")).forEach(code -> watched.put(code, t));
        // per-finding overrides, as DiscrepancyRules.from reads pacs.findings.alerts.rule.<code>.*
        String prefix = "pacs.findings.alerts.rule.";
        config.keySet().stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length(), k.lastIndexOf('.')))
                .distinct().forEach(code -> {
                    String p = prefix + code + ".";
                    watched.put(code, new DiscrepancyRules.Thresholds(
                            Double.parseDouble(config.getOrDefault(p + "image-high", Double.toString(t.imageHigh()))),
                            Double.parseDouble(config.getOrDefault(p + "report-low", Double.toString(t.reportLow()))),
                            Double.parseDouble(config.getOrDefault(p + "report-high", Double.toString(t.reportHigh()))),
                            Double.parseDouble(config.getOrDefault(p + "image-low", Double.toString(t.imageLow()))),
                            Boolean.parseBoolean(config.getOrDefault(p + "report-positive-image-negative",
                                    Boolean.toString(t.reverse())))));
                });
        return new DiscrepancyRules(watched, Set.copyOf(list(config.getOrDefault("pacs.findings.alerts.urgencies", ""))));
    }

    static FrontalViews frontal(Map<String, String> config) {
        return new FrontalViews(Set.copyOf(list(config.get("pacs.findings.correlation.frontal-views"))),
                Boolean.parseBoolean(config.get("pacs.findings.correlation.unknown-view-is-frontal")));
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }

    /** Quarkus' short duration form: 15s, 1h, 7d, 500ms. */
    static Duration duration(String text) {
        var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(text.trim());
        if (!m.matches()) {
            return Duration.parse(text.trim());
        }
        long v = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(v);
            case "s" -> Duration.ofSeconds(v);
            case "m" -> Duration.ofMinutes(v);
            case "h" -> Duration.ofHours(v);
            default -> Duration.ofDays(v);
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Topics
    // ---------------------------------------------------------------------------------------------

    private static void createTopics(String bootstrap, int partitions, String... names) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Arrays.stream(names).filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) 1)).toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static long count(String bootstrap, String topic, int partitions) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                tps.add(new TopicPartition(topic, i));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long total = 0;
            long idle = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < idle) {
                int got = consumer.poll(Duration.ofMillis(200)).count();
                total += got;
                if (got > 0) {
                    idle = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                }
            }
            return total;
        }
    }
}
