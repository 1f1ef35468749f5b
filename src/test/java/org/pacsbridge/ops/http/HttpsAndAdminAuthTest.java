package org.pacsbridge.ops.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.testing.AdminCredentials;
import org.pacsbridge.testing.HttpsResource;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.MllpTlsResource;
import org.pacsbridge.testing.RecordingXraydarResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The HTTP endpoints over HTTPS only (Quarkus TLS registry, plain HTTP disabled), with HTTP Basic on the admin
 * endpoints and the findings view while health and metrics stay open. The client is the JDK's HttpClient
 * trusting the node's self-signed certificate.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
// the same resources as MllpTlsTest and NlpRequestScrubbingTest, so that the three run in one application:
// HTTP is HTTPS, the MLLP listener has TLS beside, and X-Raydar is reached through a recording pass-through
@WithTestResource(value = HttpsResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MllpTlsResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = RecordingXraydarResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HttpsAndAdminAuthTest {

    private HttpClient client() throws Exception {
        return HttpClient.newBuilder().sslContext(HttpsResource.certificates().clientContext(false))
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("https://localhost:" + HttpsResource.httpsPort() + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void healthAndMetricsAnswerOverHttpsWithoutCredentials() throws Exception {
        HttpResponse<String> ready = get("/q/health/ready", null);
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"status\": \"UP\""), ready.body());
        assertEquals("TLSv1.3", ready.sslSession().orElseThrow().getProtocol());

        HttpResponse<String> metrics = get("/q/metrics", null);
        assertEquals(200, metrics.statusCode());
        assertFalse(metrics.body().contains(AdminCredentials.PASSWORD), "no secret in the metrics");
        assertFalse(metrics.body().contains(org.pacsbridge.testing.TlsCertificates.PASSWORD), "no secret in the metrics");
        assertFalse(ready.body().contains(AdminCredentials.PASSWORD));
    }

    @Test
    void adminEndpointsWantTheAdminCredentials() throws Exception {
        HttpResponse<String> anonymous = get("/admin/deadletters/replay", null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="),
                anonymous.headers().toString());

        assertEquals(401, get("/admin/deadletters/replay", basic(AdminCredentials.USER, "wrong")).statusCode());
        assertEquals(401, get("/admin/tcia/sync", basic("someone", AdminCredentials.PASSWORD)).statusCode());
        assertEquals(401, get("/admin/tcia/sync", "Basic !!not-base64").statusCode());

        HttpResponse<String> admin = get("/admin/deadletters/replay", basic(AdminCredentials.USER, AdminCredentials.PASSWORD));
        assertEquals(200, admin.statusCode(), admin.body());
        assertEquals(200, get("/admin/tcia/sync", basic(AdminCredentials.USER, AdminCredentials.PASSWORD)).statusCode());
        // a path that is normalised into /admin is still protected
        assertEquals(401, get("/q/../admin/tcia/sync", null).statusCode());
    }

    @Test
    void theFindingsViewWantsTheAdminCredentials() throws Exception {
        assertEquals(401, get("/findings", null).statusCode());
        assertEquals(401, get("/findings/api/studies", null).statusCode());
        assertEquals(200, get("/findings/api/studies", basic(AdminCredentials.USER, AdminCredentials.PASSWORD)).statusCode());
    }

    @Test
    void plainHttpIsRefused() {
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket("127.0.0.1", HttpsResource.httpPort())) {
                socket.getOutputStream().write("GET /q/health/ready HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            }
        });
    }

    @Test
    void basicHeaderParsing() {
        assertEquals("admin", AdminLogin.basic(basic("admin", "a:b"))[0]);
        assertEquals("a:b", AdminLogin.basic(basic("admin", "a:b"))[1]);
        assertNull(AdminLogin.basic("Bearer abc"));
        assertNull(AdminLogin.basic(null));
    }

}
