package org.pacsbridge.tcia;

import static org.pacsbridge.testing.AdminCredentials.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.quartz.JobKey;
import org.quartz.TriggerKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.ops.kafka.CompactedTopic;
import org.pacsbridge.ops.kafka.KafkaClientSettings;
import org.pacsbridge.tcia.TciaTestData.Series;
import org.pacsbridge.tcia.TciaTestServer.Fault;
import org.pacsbridge.testing.KafkaBrokerResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The TCIA catalogue sync against the TCIA test double (NBIA v4) and a real Kafka broker: what the
 * first run publishes, that a run without change publishes nothing, updates and tombstones, the
 * high-water mark across a restart, and the route with its on-demand trigger, metrics and readiness.
 *
 * <p>Scenario tests run their own sync instances on topics of their own, as a restarted node would
 * (fresh memory, state only in Kafka); the route tests use the node's configured topics.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = TciaDoubleResource.class, restrictToAnnotatedClass = true)
class TciaSyncTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter V4_DATE = DateTimeFormatter.ofPattern("MM-dd-uuuu");
    /** The default scope (COVID-19-NY-SBU and LIDC-IDRI, CR and DX) holds these; the CT series is out. */
    private static final Set<String> IN_SCOPE = Set.of(TciaTestData.SERIES_CR, TciaTestData.SERIES_DX,
            TciaTestData.SERIES_LIDC);
    private static final String EXTRA_CR = "1.3.6.1.4.1.14519.5.2.1.99.1071.20000000000000000000000000005";
    private static final String NEW_CR = "1.3.6.1.4.1.14519.5.2.1.99.1071.20000000000000000000000000006";

    @Inject
    TciaClient client;

    @Inject
    TciaConfig config;

    @Inject
    KafkaClientSettings kafka;

    @Inject
    ProducerTemplate producer;

    @Inject
    CamelContext camel;

    @ConfigProperty(name = "pacs.topic.tcia-series")
    String catalogueTopic;

    private TciaTestServer server;
    private String topics;

    @BeforeEach
    void setUp() {
        server = TciaDoubleResource.server();
        server.reset();
        topics = "test.tcia." + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        server.reset();
    }

    @Test
    void theFirstRunPublishesTheCatalogueAndARunWithoutChangePublishesNothing() throws Exception {
        TciaCatalogueSync sync = sync(defaultScope(), Clock.systemUTC());
        TciaSyncReport first = sync.run(false);

        assertEquals(TciaSyncReport.Mode.FULL, first.mode());
        assertEquals(3, first.seen());
        assertEquals(3, first.added());
        List<ConsumerRecord<String, String>> records = catalogue();
        assertEquals(IN_SCOPE, Set.copyOf(records.stream().map(ConsumerRecord::key).toList()));
        records.forEach(r -> TciaSeriesSchema.assertValid(r.value()));
        JsonNode cr = value(records, TciaTestData.SERIES_CR);
        assertEquals(TciaTestData.SBU, cr.get("collection").asText());
        assertEquals("CR", cr.get("modality").asText());
        assertEquals(TciaTestData.STUDY_1, cr.get("studyInstanceUid").asText());
        assertEquals(1, cr.get("imageCount").asInt());
        assertEquals(7_340_124L, cr.get("fileSize").asLong());
        assertEquals("2021-08-10T00:00:00", cr.get("dateReleased").asText());
        assertEquals("A000123", cr.get("subjectId").asText());
        assertEquals(TciaTestData.LICENSE_NAME, cr.get("license").get("name").asText());
        assertEquals("nbia-v4", cr.get("source").get("api").asText());
        for (String patientLevel : List.of("patientSex", "PatientSex", "patientAge", "PatientAge", "patientName")) {
            assertFalse(cr.has(patientLevel), patientLevel + " must not be published");
        }
        TciaSyncState state = state();
        assertEquals(LocalDate.now(ZoneOffset.UTC), state.highWaterMark());
        assertEquals(TciaSyncService.scope(config).fingerprint(), state.scope());

        int requestsBefore = server.received().size();
        TciaSyncReport second = sync.run(false);

        assertEquals(TciaSyncReport.Mode.INCREMENTAL, second.mode());
        assertEquals(0, second.added() + second.changed() + second.removed());
        assertEquals(3, second.catalogue().size());
        assertEquals(records.size(), catalogue().size(), "a run without change publishes nothing");
        List<TciaTestServer.Received> asked = server.received().subList(requestsBefore, server.received().size());
        assertEquals(1, asked.size(), "one getUpdatedSeries and no listing: " + asked);
        assertTrue(asked.get(0).path().endsWith("/getUpdatedSeries"));
        assertEquals(V4_DATE.format(LocalDate.now(ZoneOffset.UTC).minusDays(1)), asked.get(0).query().get("fromDate"));
    }

    @Test
    void aChangedSeriesIsRepublishedAndARemovedOneTombstonedByTheFullListingOnly() throws Exception {
        server.archive().put(series(EXTRA_CR, TciaTestData.SBU, "CR", 1, 6_000_000L, LocalDateTime.of(2021, 8, 10, 0, 0)));
        TciaCatalogueSync sync = sync(defaultScope(), Clock.systemUTC());
        assertEquals(4, sync.run(false).added());

        Series dx = TciaTestData.series(TciaTestData.SERIES_DX).orElseThrow();
        server.archive().put(new Series(dx.uid(), dx.studyUid(), dx.patientId(), dx.collection(), dx.modality(),
                dx.bodyPart(), dx.manufacturer(), dx.model(), dx.description(), 3, 24_000_000L, dx.seriesDate(),
                dx.timeStamp(), dx.released()));
        server.archive().remove(EXTRA_CR);

        TciaSyncReport incremental = sync.run(false);
        assertEquals(TciaSyncReport.Mode.INCREMENTAL, incremental.mode());
        assertEquals(0, incremental.removed());
        assertEquals(4, catalogue().size(), "an incremental run never removes");

        TciaSyncReport full = sync.run(true);
        assertEquals(TciaSyncReport.Mode.FULL, full.mode());
        assertEquals("requested", full.why());
        assertEquals(1, full.changed());
        assertEquals(1, full.removed());
        assertEquals(0, full.added());
        List<ConsumerRecord<String, String>> records = catalogue();
        assertEquals(6, records.size());
        List<ConsumerRecord<String, String>> dxRecords = ofKey(records, TciaTestData.SERIES_DX);
        assertEquals(2, dxRecords.size());
        String update = dxRecords.get(1).value();
        TciaSeriesSchema.assertValid(update);
        assertEquals(3, JSON.readTree(update).get("imageCount").asInt());
        assertEquals(24_000_000L, JSON.readTree(update).get("fileSize").asLong());
        List<ConsumerRecord<String, String>> removed = ofKey(records, EXTRA_CR);
        assertEquals(2, removed.size());
        assertNull(removed.get(1).value(), "a tombstone");
        assertEquals(IN_SCOPE, TopicContents.latest(records).keySet());
    }

    @Test
    void anIncrementalRunListsOnlyWhatTciaReleasedSinceTheMark() throws Exception {
        TciaCatalogueSync sync = sync(defaultScope(), Clock.systemUTC());
        sync.run(false);
        server.archive().put(series(NEW_CR, TciaTestData.SBU, "CR", 1, 5_000_000L, LocalDateTime.now(ZoneOffset.UTC)));
        int requestsBefore = server.received().size();

        TciaSyncReport report = sync.run(false);

        assertEquals(TciaSyncReport.Mode.INCREMENTAL, report.mode());
        assertEquals(1, report.added());
        assertEquals(0, report.changed());
        List<TciaTestServer.Received> asked = server.received().subList(requestsBefore, server.received().size());
        assertEquals(List.of("getUpdatedSeries", "getSeries"),
                asked.stream().map(r -> r.path().substring(r.path().lastIndexOf('/') + 1)).toList());
        assertEquals(TciaTestData.SBU, asked.get(1).query().get("Collection"));
        assertEquals("CR", asked.get(1).query().get("Modality"));
        List<ConsumerRecord<String, String>> records = catalogue();
        assertEquals(4, records.size());
        List<ConsumerRecord<String, String>> added = ofKey(records, NEW_CR);
        assertEquals(1, added.size());
        TciaSeriesSchema.assertValid(added.get(0).value());
    }

    @Test
    void aRestartedSyncContinuesFromTheStateInKafka() throws Exception {
        sync(defaultScope(), Clock.systemUTC()).run(false);
        int published = catalogue().size();

        TciaCatalogueSync restarted = sync(defaultScope(), Clock.systemUTC());
        assertTrue(restarted.readState().isPresent());
        TciaSyncReport report = restarted.run(false);

        assertEquals(TciaSyncReport.Mode.INCREMENTAL, report.mode());
        assertEquals(3, report.catalogue().size(), "the catalogue is read back from its topic");
        assertEquals(published, catalogue().size());

        TestClock aWeekLater = new TestClock(Instant.now().plus(Duration.ofDays(8)));
        TciaSyncReport due = sync(defaultScope(), aWeekLater).run(false);
        assertEquals(TciaSyncReport.Mode.FULL, due.mode());
        assertTrue(due.why().startsWith("last full listing at"), due.why());
        assertEquals(published, catalogue().size(), "an unchanged catalogue is not republished by a full listing");
        assertEquals(LocalDate.now(ZoneOffset.UTC).plusDays(8), state().highWaterMark());
    }

    @Test
    void aCollectionListedEmptyKeepsItsSeries() throws Exception {
        TciaCatalogueSync sync = sync(defaultScope(), Clock.systemUTC());
        sync.run(false);
        server.archive().remove(TciaTestData.SERIES_LIDC);

        TciaSyncReport full = sync.run(true);

        assertEquals(0, full.removed());
        assertTrue(TopicContents.latest(catalogue()).containsKey(TciaTestData.SERIES_LIDC));
    }

    @Test
    void narrowingTheScopeListsEverythingAndRemovesWhatLeftIt() throws Exception {
        sync(defaultScope(), Clock.systemUTC()).run(false);
        TciaSyncScope sbuOnly = new TciaSyncScope(TciaApi.NBIA_V4, List.of(TciaTestData.SBU.toLowerCase()),
                List.of("CR", "DX"));

        TciaSyncReport report = sync(sbuOnly, Clock.systemUTC()).run(false);

        assertEquals(TciaSyncReport.Mode.FULL, report.mode());
        assertEquals("collections, modalities or interface changed", report.why());
        assertEquals(1, report.removed());
        assertEquals(Set.of(TciaTestData.SERIES_CR, TciaTestData.SERIES_DX), TopicContents.latest(catalogue()).keySet());
    }

    @Test
    void theV2InterfaceHasNoIncrementalEndpointSoEveryRunListsEverything() throws Exception {
        try (TciaClient v2 = TciaClients.create(TestSettings.fast(server, TciaApi.V2)
                .apiKey(BindaasV2Double.API_KEY).build())) {
            TciaCatalogueSync sync = new TciaCatalogueSync(v2, server.baseUrl(TciaApi.V2),
                    new TciaSyncScope(TciaApi.V2, config.collections(), config.modalities()), topic("series"),
                    topic("state"), Duration.ofDays(7), Clock.systemUTC(), new TciaSyncMetrics(new SimpleMeterRegistry()));
            TciaSyncReport first = sync.run(false);
            TciaSyncReport second = sync.run(false);

            assertEquals(3, first.added());
            assertEquals(TciaSyncReport.Mode.FULL, second.mode());
            assertEquals("the v2 interface has no getUpdatedSeries", second.why());
            assertEquals(0, second.added() + second.changed() + second.removed());
            List<ConsumerRecord<String, String>> records = catalogue();
            assertEquals(3, records.size());
            records.forEach(r -> TciaSeriesSchema.assertValid(r.value()));
            assertEquals("v2", JSON.readTree(records.get(0).value()).get("source").get("api").asText());
        }
    }

    @Test
    void aLooseValueIsReadAsAbsentAndAnElementWithoutItsUidIsSkippedWithoutFailingTheRun() throws Exception {
        try (TciaClient v2 = TciaClients.create(TestSettings.fast(server, TciaApi.V2)
                .apiKey(BindaasV2Double.API_KEY).build())) {
            ArrayNode answer = seriesAnswer(v2, TciaTestData.SBU, "CR");
            ((ObjectNode) answer.get(0)).put("AnnotationsFlag", "");
            answer.addObject().put("Modality", "CR").put("Collection", TciaTestData.SBU);
            server.fail("/getSeries", Fault.status(200, "application/json", answer.toString()));
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            TciaCatalogueSync sync = new TciaCatalogueSync(v2, server.baseUrl(TciaApi.V2),
                    new TciaSyncScope(TciaApi.V2, config.collections(), config.modalities()), topic("series"),
                    topic("state"), Duration.ofDays(7), Clock.systemUTC(), new TciaSyncMetrics(meters));

            TciaSyncReport report = sync.run(false);

            assertEquals(3, report.added(), report.toString());
            assertEquals(new TciaAnswerTally.Counts(1, 1), report.passedOver());
            JsonNode cr = value(catalogue(), TciaTestData.SERIES_CR);
            assertFalse(cr.has("annotationsFlag"), "an unreadable flag is absent: " + cr);
            catalogue().forEach(r -> TciaSeriesSchema.assertValid(r.value()));
            assertEquals(1.0, meters.get("pacs.tcia.answer.passed.over").tag("what", "element").counter().count());
            assertEquals(1.0, meters.get("pacs.tcia.answer.passed.over").tag("what", "value").counter().count());
            assertTrue(sync.readState().isPresent(), "the run counts as a success");
        }
    }

    @Test
    void aFullListingWithAnUnidentifiableElementRemovesNothingOfThatCollection() throws Exception {
        server.archive().put(series(EXTRA_CR, TciaTestData.SBU, "CR", 1, 6_000_000L, LocalDateTime.of(2021, 8, 10, 0, 0)));
        TciaCatalogueSync sync = sync(defaultScope(), Clock.systemUTC());
        assertEquals(4, sync.run(false).added());
        server.archive().remove(TciaTestData.SERIES_CR);
        ArrayNode answer = seriesAnswer(client, TciaTestData.SBU, "CR");
        assertEquals(1, answer.size(), "only EXTRA_CR is listed now");
        answer.addObject().put("Modality", "CR").put("Collection", TciaTestData.SBU);
        server.fail("/getSeries", Fault.status(200, "application/json", answer.toString()));

        TciaSyncReport loose = sync.run(true);

        assertEquals(0, loose.removed(), "the skipped element may be the missing series");
        assertEquals(1, loose.passedOver().skippedElements());
        assertTrue(TopicContents.latest(catalogue()).containsKey(TciaTestData.SERIES_CR));
        TciaSyncReport clean = sync.run(true);
        assertEquals(1, clean.removed(), "a complete listing removes it");
        assertFalse(TopicContents.latest(catalogue()).containsKey(TciaTestData.SERIES_CR));
    }

    @Test
    void anAnswerWithNoReadableElementFailsTheRun() throws Exception {
        server.fail("/getSeries", Fault.status(200, "application/json",
                "[{\"Modality\":\"CR\"},\"1.2.3\"]"));
        TciaCatalogueSync sync = sync(defaultScope(), Clock.systemUTC());

        TciaException e = assertThrows(TciaException.class, () -> sync.run(false));

        assertEquals(TciaException.Kind.MALFORMED_RESPONSE, e.kind());
        assertEquals(List.of(), catalogue());
        assertTrue(sync.readState().isEmpty());
    }

    @Test
    void aFailingTciaAnswerPublishesNothingAndLeavesTheMarkAlone() throws Exception {
        Fault serverError = Fault.status(500, "text/plain", "Server was not able to process your request");
        server.fail("/getSeries", serverError, serverError);
        TciaCatalogueSync sync = sync(defaultScope(), Clock.systemUTC());

        TciaException e = assertThrows(TciaException.class, () -> sync.run(false));

        assertEquals(TciaException.Kind.SERVER_ERROR, e.kind());
        assertEquals(List.of(), catalogue());
        assertTrue(sync.readState().isEmpty());
        assertEquals(3, sync.run(false).added(), "the next run starts from scratch");
    }

    @Test
    void theRouteRunsOnDemandWithTheScheduleOff() throws Exception {
        QuartzEndpoint schedule = (QuartzEndpoint) camel.getRoute("tcia-sync-schedule").getEndpoint();
        assertEquals("0 0 3 * * ?", schedule.getCron());
        // the schedule fires, but with pacs.tcia.sync.enabled=false (as in %test) it starts nothing
        TriggerKey trigger = schedule.getTriggerKey();
        schedule.getComponent().getScheduler().triggerJob(JobKey.jobKey(trigger.getName(), trigger.getGroup()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().when().get("/q/metrics").then().extract()
                .asString().lines().anyMatch(l -> l.startsWith("camel_exchanges_total{")
                        && l.contains("routeId=\"tcia-sync-schedule\"") && !l.endsWith(" 0.0")));
        assertEquals(List.of(), server.received(), "a disabled schedule asks TCIA nothing");

        server.answerDelay(Duration.ofMillis(700));
        asAdmin().when().post("/admin/tcia/sync").then().statusCode(202).body("scheduled", equalTo(false));
        asAdmin().when().post("/admin/tcia/sync").then().statusCode(409);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> asAdmin().when().get("/admin/tcia/sync").then().extract().path("lastRun") != null);
        server.answerDelay(Duration.ZERO);

        List<ConsumerRecord<String, String>> records = TopicContents.read(KafkaBrokerResource.bootstrapServers(),
                catalogueTopic);
        assertEquals(IN_SCOPE, TopicContents.latest(records).keySet());
        records.forEach(r -> TciaSeriesSchema.assertValid(r.value()));
        asAdmin().when().get("/admin/tcia/sync").then().statusCode(200)
                .body("running", equalTo(false))
                .body("catalogueSeries", equalTo(3))
                .body("lastRun", containsString("full (no high-water mark yet)"));

        TciaSyncReport again = producer.requestBodyAndHeader("direct:tcia-sync", null, TciaSyncService.FULL_HEADER,
                false, TciaSyncReport.class);
        assertEquals(TciaSyncReport.Mode.INCREMENTAL, again.mode());
        assertEquals(records.size(), TopicContents.read(KafkaBrokerResource.bootstrapServers(), catalogueTopic).size());

        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("pacs_tcia_series_total{change=\"new\"} 3.0"))
                .body(containsString("pacs_tcia_series_total{change=\"seen\"} 3.0"))
                .body(containsString("pacs_tcia_series_total{change=\"removed\"} 0.0"))
                .body(containsString("pacs_tcia_sync_last_success_timestamp_seconds "))
                .body(not(containsString("pacs_tcia_sync_last_success_timestamp_seconds NaN")))
                .body(containsString("pacs_tcia_bytes_downloaded_total 0.0"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'tcia-sync' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'tcia-sync' }.data.scheduled", equalTo(false))
                .body("checks.find { it.name == 'tcia-sync' }.data.'last-success'", not(equalTo("unknown")));
    }

    @Test
    void aFailedRouteRunIsCountedAndShownButTheNodeStaysReady() {
        Fault serverError = Fault.status(503, "text/plain", "busy");
        server.fail("/getSeries", serverError, serverError);
        double before = errors("api");

        Exchange done = producer.request("direct:tcia-sync", e -> e.getMessage().setHeader(TciaSyncService.FULL_HEADER, true));

        assertNull(done.getException(), "the route handles the failure");
        assertTrue(done.getMessage().getHeader("pacs.tcia.failure", String.class).contains("getSeries"));
        assertEquals(before + 1, errors("api"));
        asAdmin().when().get("/admin/tcia/sync").then().body("lastFailure", containsString("getSeries"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'tcia-sync' }.status", equalTo("UP"));
    }

    private double errors(String kind) {
        String metrics = given().when().get("/q/metrics").then().extract().asString();
        String prefix = "pacs_tcia_sync_errors_total{kind=\"" + kind + "\"} ";
        return metrics.lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(
                l.substring(prefix.length()))).findFirst().orElseThrow();
    }

    private TciaCatalogueSync sync(TciaSyncScope scope, Clock clock) {
        return new TciaCatalogueSync(client, TciaBeans.settings(config).baseUrl(), scope, topic("series"),
                topic("state"), config.fullSyncEvery(), clock, new TciaSyncMetrics(new SimpleMeterRegistry()));
    }

    /** TCIA's own answer to one getSeries query, to be made loose and scripted back. */
    private static ArrayNode seriesAnswer(TciaClient tcia, String collection, String modality) throws Exception {
        TciaRawAnswer raw = tcia.query("getSeries", java.util.Map.of("Collection", collection, "Modality", modality),
                TciaFormat.JSON);
        return (ArrayNode) JSON.readTree(raw.body());
    }

    private TciaSyncScope defaultScope() {
        return TciaSyncService.scope(config);
    }

    private CompactedTopic topic(String suffix) {
        return new CompactedTopic(topics + "." + suffix, kafka.clientProperties(), true, Duration.ofSeconds(30));
    }

    private List<ConsumerRecord<String, String>> catalogue() {
        return TopicContents.read(KafkaBrokerResource.bootstrapServers(), topics + ".series");
    }

    private TciaSyncState state() {
        List<ConsumerRecord<String, String>> records = TopicContents.read(KafkaBrokerResource.bootstrapServers(),
                topics + ".state");
        ConsumerRecord<String, String> last = records.get(records.size() - 1);
        assertEquals(TciaSyncState.KEY, last.key());
        return TciaSyncState.fromJson(last.value()).orElseThrow();
    }

    /** A key's records in publication order (one key lives in one partition). */
    private static List<ConsumerRecord<String, String>> ofKey(List<ConsumerRecord<String, String>> records, String key) {
        return records.stream().filter(r -> r.key().equals(key)).toList();
    }

    private static JsonNode value(List<ConsumerRecord<String, String>> records, String key) throws Exception {
        ConsumerRecord<String, String> record = records.stream().filter(r -> r.key().equals(key)).findFirst()
                .orElseThrow();
        assertNotNull(record.value());
        return JSON.readTree(record.value());
    }

    private static Series series(String uid, String collection, String modality, int images, long size,
            LocalDateTime released) {
        return new Series(uid, TciaTestData.STUDY_1, "A000123", collection, modality, "CHEST", "FUJIFILM Corporation",
                "FCR CAPSULA", "AP", images, size, released.toLocalDate(), released, released);
    }
}
