package org.pacsbridge.ops.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.testing.KafkaBrokerResource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The console port of a running node, over plain HTTP: who gets in, and what Jolokia lets them do.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class ConsoleSecurityTest {

    private static final String ROUTE = "org.apache.camel:context=pacs-bridge,type=routes,name=\"deadletter\"";
    private static final String CONTEXT = "org.apache.camel:context=pacs-bridge,type=context,name=\"pacs-bridge\"";

    @Inject
    ConsoleServer server;

    @Inject
    CamelContext camel;

    private ConsolePort port;

    @BeforeEach
    void connect() {
        port = new ConsolePort(server.address().orElseThrow().getPort());
    }

    @Test
    void jolokiaWantsCredentials() throws Exception {
        HttpResponse<String> anonymous = port.send(port.request("/jolokia/version"));
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="));

        HttpResponse<String> wrong = port.send(port.request("/jolokia/version")
                .header("Authorization", ConsolePort.basic(ConsolePort.USER, "guess")));
        assertEquals(401, wrong.statusCode());

        HttpResponse<String> right = port.send(port.request("/jolokia/version")
                .header("Authorization", ConsolePort.basic(ConsolePort.USER, ConsolePort.PASSWORD)));
        assertEquals(200, right.statusCode());
        assertTrue(right.body().contains("\"agent\":\"2.3.0\""), right.body());
    }

    @Test
    void readsAreAllowedButNotSecretsFromTheCommandLine() throws Exception {
        JsonNode state = port.jolokia("{\"type\":\"read\",\"mbean\":" + ConsolePort.quote(ROUTE)
                + ",\"attribute\":[\"State\",\"ExchangesTotal\"]}");
        assertEquals(200, state.get("status").asInt(), state.toString());
        assertEquals("Started", state.at("/value/State").asText());

        JsonNode vm = port.jolokia("{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"VmName\"}");
        assertEquals(200, vm.get("status").asInt());
        for (String secretHolder : new String[] { "SystemProperties", "InputArguments" }) {
            JsonNode denied = port.jolokia("{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\""
                    + secretHolder + "\"}");
            assertEquals(403, denied.get("status").asInt(), denied.toString());
        }
        JsonNode whole = port.jolokia("{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\"}");
        assertFalse(whole.path("value").has("SystemProperties"), "left out of a read of all attributes");
    }

    @Test
    void routesCanBeStoppedAndStartedButNothingElseChanged() throws Exception {
        assertEquals(200, port.jolokia(ConsolePort.exec(ROUTE, "stop()")).get("status").asInt());
        assertEquals(ServiceStatus.Stopped, camel.getRouteController().getRouteStatus("deadletter"));
        assertEquals(200, port.jolokia(ConsolePort.exec(ROUTE, "start")).get("status").asInt());
        assertEquals(ServiceStatus.Started, camel.getRouteController().getRouteStatus("deadletter"));

        assertForbidden(ConsolePort.exec(ROUTE, "remove()"));
        assertForbidden(ConsolePort.exec(ROUTE, "updateRouteFromXml", "<route/>"));
        assertForbidden(ConsolePort.exec(CONTEXT, "sendBody(java.lang.String,java.lang.Object)", "direct:deadletter", "x"));
        assertForbidden(ConsolePort.exec(CONTEXT, "stop()"));
        assertForbidden(ConsolePort.exec(CONTEXT, "dumpRoutesAsXml(boolean)", "true"));
        assertForbidden(ConsolePort.exec("java.lang:type=Memory", "gc"));
        assertForbidden(ConsolePort.exec("java.lang:type=Threading", "dumpAllThreads(boolean,boolean)", "true", "true"));
        assertForbidden("{\"type\":\"write\",\"mbean\":" + ConsolePort.quote(ROUTE)
                + ",\"attribute\":\"TracingPattern\",\"value\":\"*\"}");
        assertForbidden("{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}");
        assertNotNull(camel.getRoute("deadletter"), "still there");

        JsonNode diagramSource = port.jolokia(ConsolePort.exec(CONTEXT, "dumpRoutesAsXml()"));
        assertEquals(200, diagramSource.get("status").asInt());
        assertTrue(diagramSource.get("value").asText().contains("id=\"deadletter\""));
    }

    @Test
    void jolokiaForwardsToNoOtherJvm() throws Exception {
        try (ServerSocket otherJvm = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            otherJvm.setSoTimeout(1000);
            JsonNode answer = port.jolokia("{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"Pid\","
                    + "\"target\":{\"url\":\"service:jmx:rmi:///jndi/rmi://127.0.0.1:" + otherJvm.getLocalPort() + "/jmxrmi\"}}");
            assertEquals(ProcessHandle.current().pid(), answer.path("value").asLong(), "answered by this JVM: " + answer);
            assertThrows(SocketTimeoutException.class, otherJvm::accept, "the target was never contacted");
        }
    }

    @Test
    void browserRequestsFromOtherOriginsAreRefused() throws Exception {
        HttpResponse<String> foreign = port.send(port.request("/jolokia/version")
                .header("Authorization", ConsolePort.basic(ConsolePort.USER, ConsolePort.PASSWORD))
                .header("Origin", "http://evil.example"));
        assertEquals(403, foreign.statusCode());
        HttpResponse<String> foreignLogin = port.send(port.request("/hawtio/auth/login").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(login(ConsolePort.PASSWORD))));
        assertEquals(403, foreignLogin.statusCode());
    }

    @Test
    void consoleLogInGivesASessionThatJolokiaAccepts() throws Exception {
        assertEquals(401, port.send(port.request("/hawtio/user")).statusCode());
        HttpResponse<String> refused = port.send(port.request("/hawtio/auth/login")
                .POST(HttpRequest.BodyPublishers.ofString(login("not-the-password"))));
        assertEquals(403, refused.statusCode());
        assertTrue(refused.headers().firstValue("Set-Cookie").isEmpty());

        HttpResponse<String> accepted = port.send(port.request("/hawtio/auth/login")
                .POST(HttpRequest.BodyPublishers.ofString(login(ConsolePort.PASSWORD))));
        assertEquals(200, accepted.statusCode());
        String setCookie = accepted.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        HttpResponse<String> user = port.send(port.request("/hawtio/user").header("Cookie", cookie));
        assertEquals(200, user.statusCode());
        assertEquals("\"operator\"", user.body());
        assertEquals(200, port.send(port.request("/jolokia/version").header("Cookie", cookie)).statusCode());

        HttpResponse<String> logout = port.send(port.request("/hawtio/auth/logout").header("Cookie", cookie));
        assertEquals(302, logout.statusCode());
        HttpResponse<String> afterLogout = port.send(port.request("/jolokia/version").header("Cookie", cookie));
        assertEquals(401, afterLogout.statusCode());
        assertTrue(afterLogout.headers().firstValue("WWW-Authenticate").isEmpty(),
                "no challenge for a stale console session, so the browser shows no password dialog");
    }

    @Test
    void theConsoleHasNoProxy() throws Exception {
        HttpResponse<String> enabled = port.send(port.request("/hawtio/proxy/enabled"));
        assertEquals("false", enabled.body());
        assertEquals(404, port.send(port.request("/hawtio/proxy/http/127.0.0.1/8080/q/health")).statusCode());
    }

    @Test
    void theConsoleIsServedWithProtectiveHeaders() throws Exception {
        HttpResponse<String> root = port.send(port.request("/"));
        assertEquals(302, root.statusCode());
        assertEquals("/hawtio/", root.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> index = port.send(port.request("/hawtio/camel/routes"));
        assertEquals(200, index.statusCode(), "client-side routes get the console's page");
        assertTrue(index.body().contains("<base href=\"/hawtio/\">"));
        assertEquals("DENY", index.headers().firstValue("X-Frame-Options").orElseThrow());
        assertTrue(index.headers().firstValue("Content-Security-Policy").orElseThrow().contains("frame-ancestors 'none'"));

        HttpResponse<String> config = port.send(port.request("/hawtio/hawtconfig.json"));
        assertTrue(config.body().contains("\"appName\": \"PACS Bridge\""), "the node's own branding");
        assertEquals(404, port.send(port.request("/hawtio/../../etc/passwd.txt")).statusCode());
        assertEquals(404, port.send(port.request("/hawtio/static/js/missing.js")).statusCode());
    }

    private void assertForbidden(String request) throws Exception {
        JsonNode answer = port.jolokia(request);
        assertEquals(403, answer.get("status").asInt(), answer.toString());
    }

    private static String login(String password) {
        return "{\"username\":\"operator\",\"password\":" + ConsolePort.quote(password) + "}";
    }
}
