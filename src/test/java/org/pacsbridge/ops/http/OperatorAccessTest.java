package org.pacsbridge.ops.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.ops.DeadLetterReplay;
import org.pacsbridge.ops.console.LoginThrottle;
import org.pacsbridge.tcia.TciaSyncService;
import org.pacsbridge.tcia.TciaSyncTrigger;
import org.pacsbridge.testing.AdminCredentials;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.NodeLimitsProfile;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Tries to reach the operator endpoints without credentials through every spelling of their paths
 * that routing might resolve to the same resource, with every method, and checks that nothing got
 * through: no 2xx, and no replay or sync started. Then cross-site requests with valid credentials,
 * and password guessing.
 */
@Tag("quarkus")
@QuarkusTest
@TestProfile(NodeLimitsProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class OperatorAccessTest {

    private static final List<String> PROTECTED = List.of("/admin/deadletters/replay", "/admin/tcia/sync", "/findings",
            "/findings/api/studies", "/findings/api/studies/NOSUCHSTUDY");
    private static final String ADMIN = RawHttp.basic(AdminCredentials.USER, AdminCredentials.PASSWORD);

    @TestHTTPResource("/")
    URL root;

    @Inject
    DeadLetterReplay replay;

    @Inject
    TciaSyncService sync;

    @Inject
    TciaSyncTrigger trigger;

    private RawHttp http;

    @BeforeEach
    void client() {
        http = new RawHttp(root.getPort());
    }

    /** Spellings of a path that a server might resolve to the same resource. */
    static Set<String> spellings(String path) {
        String first = path.substring(1, path.indexOf('/', 1) < 0 ? path.length() : path.indexOf('/', 1));
        String rest = path.substring(1 + first.length());
        Set<String> out = new LinkedHashSet<>();
        out.add(path);
        out.add(path + "/");
        out.add(path + ";");
        out.add(path + ";a=b");
        out.add(path + "?x=1");
        out.add(path + "/.");
        out.add(path.toUpperCase(Locale.ROOT));
        out.add("/" + first.toUpperCase(Locale.ROOT) + rest);
        out.add("/" + first + ";a=b" + rest);
        out.add("/" + first + ";" + rest);
        out.add("/" + first + ";jsessionid=x" + rest);
        out.add("/%" + Integer.toHexString(first.charAt(0)) + first.substring(1) + rest);
        out.add("/" + path.substring(1).replace("/", "%2F"));
        out.add("/" + path.substring(1).replace("/", "%2f"));
        out.add("/" + path);
        out.add(path.replace("/", "//"));
        out.add("/." + path);
        out.add(path.replace("/", "/./"));
        out.add("/%2e" + path);
        out.add("/q/..;" + path);
        out.add("/" + first + "/..;" + path);
        out.add("/" + first + "/.." + path);
        out.add("/q/health/../.." + path);
        out.add("/q/health/%2e%2e/%2e%2e" + path);
        out.add("/q/health;" + path);
        out.add(path.replace("/", "\\"));
        return out;
    }

    @Test
    void noSpellingOfAProtectedPathReadsWithoutCredentials() throws Exception {
        List<String> failures = new ArrayList<>();
        int reachedWithCredentials = 0;
        for (String path : PROTECTED) {
            for (String spelling : spellings(path)) {
                for (String method : List.of("GET", "HEAD", "OPTIONS")) {
                    RawHttp.Answer anonymous = http.send(method, spelling);
                    RawHttp.Answer admin = http.send(method, spelling, "Authorization: " + ADMIN);
                    if (anonymous.success()) {
                        failures.add(method + " " + spelling + " -> " + anonymous.status() + " without credentials");
                    } else if (admin.success()) {
                        reachedWithCredentials++;
                        if (anonymous.status() != 401) {
                            failures.add(method + " " + spelling + " -> " + anonymous.status() + " (resource reached with credentials, 401 expected)");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        // the spellings are no straw men: many of them do reach the resources once logged in
        assertTrue(reachedWithCredentials > 3 * PROTECTED.size(), "reached with credentials: " + reachedWithCredentials);
    }

    @Test
    void theKnownBypassesNowAskForCredentials() throws Exception {
        for (String path : List.of("/admin;a=b/deadletters/replay", "/admin;/deadletters/replay")) {
            assertEquals(401, http.send("POST", path).status(), path);
            assertEquals(401, http.send("GET", path).status(), path);
            assertEquals(200, http.send("GET", path, "Authorization: " + ADMIN).status(), path);
        }
        RawHttp.Answer studies = http.send("GET", "/findings;/api/studies");
        assertEquals(401, studies.status());
        assertTrue(studies.header("WWW-Authenticate").startsWith("Basic realm=\"pacs-bridge\""), studies.headers().toString());
        assertEquals(200, http.send("GET", "/findings;/api/studies", "Authorization: " + ADMIN).status());
        // refused before the resource looks the study up (its own answer would be 404)
        assertEquals(401, http.send("GET", "/findings/api/studies/NOSUCHSTUDY").status());
    }

    @Test
    void noSpellingOfACommandRunsItWithoutCredentials() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !trigger.isPending() && !sync.isRunning());
        DeadLetterReplay.Status replayBefore = replay.status();
        String syncFailureBefore = sync.status().lastFailureAt();
        List<String> failures = new ArrayList<>();
        for (String path : List.of("/admin/deadletters/replay", "/admin/tcia/sync", "/admin/tcia/sync?full=true")) {
            for (String spelling : spellings(path)) {
                for (String method : List.of("POST", "DELETE", "PUT", "PATCH")) {
                    RawHttp.Answer anonymous = http.send(method, spelling);
                    if (anonymous.success()) {
                        failures.add(method + " " + spelling + " -> " + anonymous.status());
                    }
                    if (trigger.isPending() || sync.isRunning()) {
                        failures.add(method + " " + spelling + " started a TCIA sync");
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(replayBefore.startedAt(), replay.status().startedAt(), "no replay was started");
        assertFalse("started".equals(replay.status().state()), "the replay route is not running");
        assertEquals(syncFailureBefore, sync.status().lastFailureAt(), "no sync ran");
    }

    @Test
    void theCommandsRunWithCredentials() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !trigger.isPending() && !sync.isRunning());
        RawHttp.Answer started = http.send("POST", "/admin/deadletters/replay", "Authorization: " + ADMIN);
        assertEquals(200, started.status(), started.body());
        assertNotNull(replay.status().startedAt());
        assertEquals(200, http.send("DELETE", "/admin/deadletters/replay", "Authorization: " + ADMIN).status());
        // a browser on the node's own origin may
        assertEquals(200, http.send("DELETE", "/admin/deadletters/replay", "Authorization: " + ADMIN,
                "Origin: " + http.origin()).status());
        assertEquals(202, http.send("POST", "/admin/tcia/sync", "Authorization: " + ADMIN,
                "Referer: " + http.origin() + "/findings").status());
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !trigger.isPending() && !sync.isRunning());
        assertEquals(200, http.send("GET", "/findings", "Authorization: " + ADMIN).status());
    }

    @Test
    void crossSiteCommandsAreRefusedEvenWithCredentials() throws Exception {
        DeadLetterReplay.Status before = replay.status();
        List<String[]> foreign = List.of(
                new String[] {"Origin: http://evil.example"},
                new String[] {"Origin: null"},
                new String[] {"Origin: http://localhost:" + (root.getPort() + 1)},
                new String[] {"Origin: https://localhost:" + root.getPort()},
                new String[] {"Origin: http://localhost:" + root.getPort() + ".evil.example"},
                new String[] {"Referer: http://evil.example/page"},
                new String[] {"Origin: http://evil.example", "Referer: " + http.origin() + "/findings"});
        for (String[] headers : foreign) {
            for (String[] command : List.of(new String[] {"POST", "/admin/deadletters/replay"},
                    new String[] {"DELETE", "/admin/deadletters/replay"}, new String[] {"POST", "/admin/tcia/sync"})) {
                String[] all = new String[headers.length + 1];
                all[0] = "Authorization: " + ADMIN;
                System.arraycopy(headers, 0, all, 1, headers.length);
                RawHttp.Answer answer = http.send(command[0], command[1], all);
                assertEquals(403, answer.status(), command[0] + " " + command[1] + " " + String.join(", ", headers));
            }
        }
        assertEquals(before.startedAt(), replay.status().startedAt(), "no replay was started");
        assertFalse(trigger.isPending(), "no sync was started");
    }

    @Test
    void aResourceWithoutAnAccessRuleIsRefusedToEveryone() throws Exception {
        int before = UnruledResource.calls;
        assertEquals(403, http.send("GET", "/unruled").status());
        assertEquals(403, http.send("GET", "/unruled", "Authorization: " + ADMIN).status());
        assertEquals(403, http.send("POST", "/unruled", "Authorization: " + ADMIN).status());
        assertEquals(before, UnruledResource.calls);
    }

    @Test
    void onlyHealthAndMetricsAreOpen() throws Exception {
        assertEquals(200, http.send("GET", "/q/health/live").status());
        // answered without credentials; not ready here (NodeLimitsProfile's replication thresholds), so 503
        RawHttp.Answer ready = http.send("GET", "/q/health/ready");
        assertEquals(503, ready.status());
        assertTrue(ready.body().contains("\"checks\""), ready.body());
        assertEquals(200, http.send("GET", "/q/metrics").status());
        for (String path : List.of("/", "/index.html", "/q", "/q/dev-ui", "/q/openapi", "/q/swagger-ui", "/q/health-ui",
                "/q/info", "/q/arc", "/admin", "/admin/", "/findings/findings-view.html",
                "/org/pacsbridge/findings/findings-view.html", "/hawtio/", "/jolokia")) {
            RawHttp.Answer anonymous = http.send("GET", path);
            assertFalse(anonymous.success(), path + " -> " + anonymous.status());
        }
    }

    @Test
    void passwordGuessingIsThrottled() throws Exception {
        assertEquals(200, http.send("GET", "/admin/tcia/sync", "Authorization: " + ADMIN).status());
        String wrong = "Authorization: " + RawHttp.basic(AdminCredentials.USER, "guess");
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertEquals(401, http.send("GET", "/admin/tcia/sync", wrong).status(), "attempt " + (i + 1));
        }
        RawHttp.Answer throttled = http.send("GET", "/findings/api/studies", wrong);
        assertEquals(429, throttled.status());
        long retryAfter = Long.parseLong(Objects.requireNonNull(throttled.header("Retry-After"), "Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= LoginThrottle.FIRST_WAIT.toSeconds(), "Retry-After " + retryAfter);
        // while blocked, not even the right password is tried
        assertEquals(429, http.send("POST", "/admin/deadletters/replay", "Authorization: " + ADMIN).status());
        assertFalse("started".equals(replay.status().state()));

        Thread.sleep(Duration.ofSeconds(retryAfter).toMillis() + 200);
        assertEquals(200, http.send("GET", "/admin/tcia/sync", "Authorization: " + ADMIN).status(), "allowed again after the wait");
        assertEquals(401, http.send("GET", "/admin/tcia/sync", wrong).status(), "a success clears the count");
        assertEquals(200, http.send("GET", "/admin/tcia/sync", "Authorization: " + ADMIN).status());
    }
}
