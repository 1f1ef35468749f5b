package org.pacsbridge.ops.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.camel.dicom.DicomEndpoint;
import org.pacsbridge.testing.Chromium;
import org.pacsbridge.testing.DevTools;
import org.pacsbridge.testing.KafkaBrokerResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * An operator in a real (headless) Chromium: logs in to the node's Hawtio console, sees the
 * node's Camel routes with their exchange counts, stops the dead-letter route and starts it again
 * with the console's buttons, and opens its route diagram. Camel itself must report each change.
 * Then reads the options of the node's dicom: listener (its endpoint's Attributes tab), which only the
 * component's catalog entry (META-INF/org/pacsbridge/camel/dicom/dicom.json) can name and describe.
 * Screenshots are kept in {@code target/hawtio-console/}.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class HawtioConsoleBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "hawtio-console");
    private static final String ROUTE = "deadletter";
    private static final String DICOM_ROUTE = "dicom-ingest";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PAGE = Duration.ofSeconds(60);

    @Inject
    ConsoleServer server;

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Test
    void operatorStopsAndStartsARouteInTheConsole() throws Exception {
        assumeTrue(Chromium.available(), "Chromium is not installed (apt-get install chromium)");
        producer.sendBody("direct:" + ROUTE, "console-test"); // one completed exchange to count
        String base = "http://127.0.0.1:" + server.address().orElseThrow().getPort();
        Files.createDirectories(SCREENSHOTS);

        try (DevTools browser = DevTools.launch(1400, 1000)) {
            browser.navigate(base + "/hawtio/");
            browser.waitFor("the log-in form", "!!document.querySelector('#pf-login-username-id')", PAGE);
            browser.screenshot(SCREENSHOTS.resolve("1-login.png"));
            browser.type("#pf-login-username-id", ConsolePort.USER);
            browser.type("#pf-login-password-id", ConsolePort.PASSWORD);
            browser.click("button[type=submit]");

            browser.waitFor("the Camel tree", buttonWithText("routes"), PAGE);
            browser.waitFor("the node's endpoints in the tree", buttonWithText("direct://" + ROUTE), PAGE);
            browser.click("#camel-tree-view button", "routes");
            browser.waitFor("the routes table", "document.querySelectorAll('#camel-routes-table tbody tr').length > 0",
                    PAGE);

            Map<String, JsonNode> rows = routeRows(browser);
            TreeSet<String> nodeRoutes = camel.getRoutes().stream().map(Route::getRouteId)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(nodeRoutes, new TreeSet<>(rows.keySet()), "every route of the node, nothing else");
            browser.waitFor("the dead-letter route's completed exchange", rowCell(ROUTE, "Completed") + " >= '1'", PAGE);
            assertEquals("Started", rows.get(ROUTE).get("State").asText());

            selectRow(browser, ROUTE);
            clickEnabledButton(browser, "Stop");
            browser.waitFor("the route shown stopped", rowCell(ROUTE, "State") + " === 'Stopped'", PAGE);
            DevTools.await("Camel to report the route stopped",
                    () -> camel.getRouteController().getRouteStatus(ROUTE) == ServiceStatus.Stopped, PAGE);
            browser.screenshot(SCREENSHOTS.resolve("2-route-stopped.png"));

            selectRow(browser, ROUTE);
            clickEnabledButton(browser, "Start");
            browser.waitFor("the route shown started", rowCell(ROUTE, "State") + " === 'Started'", PAGE);
            DevTools.await("Camel to report the route started",
                    () -> camel.getRouteController().getRouteStatus(ROUTE) == ServiceStatus.Started, PAGE);
            browser.screenshot(SCREENSHOTS.resolve("3-route-started.png"));

            browser.click("#camel-tree-view button", ROUTE);
            browser.waitFor("the route diagram tab", "[...document.querySelectorAll('a.pf-v5-c-nav__link')]"
                    + ".some(e => e.innerText.trim() === 'Route Diagram')", PAGE);
            browser.click("a.pf-v5-c-nav__link", "Route Diagram");
            // routes/deadletter.yaml: from direct:, the header processor, the choice between the sent-once
            // publisher and kafka:, the filter and its log
            browser.waitFor("the route diagram: from direct:, its steps, to kafka:",
                    "(() => { const nodes = [...document.querySelectorAll('.react-flow__node')].map(n => n.innerText); "
                            + "return nodes.length >= 6 && nodes.some(t => t.includes('From direct:')) "
                            + "&& nodes.some(t => t.includes('To kafka:')); })()", PAGE);
            browser.screenshot(SCREENSHOTS.resolve("4-route-diagram.png"));

            operatorReadsTheDicomEndpointsOptions(browser);

            assertTrue(browser.log().stream().noneMatch(line -> line.contains("Content Security Policy")),
                    "nothing blocked by the console's Content-Security-Policy: " + browser.log());
        }
        assertEquals(ServiceStatus.Started, camel.getRouteController().getRouteStatus(ROUTE));
    }

    // Hawtio 4 has no view of its own for a component's catalog (its Properties tab describes route steps from
    // a schema bundled in the console); the dicom: endpoint lists its options from the catalog entry as MBean
    // attributes, which the endpoint's Attributes tab shows.
    private void operatorReadsTheDicomEndpointsOptions(DevTools browser) throws Exception {
        DicomEndpoint listener = (DicomEndpoint) camel.getRoute(DICOM_ROUTE).getEndpoint();
        String uri = listener.getEndpointUri(); // dicom://PACSBRIDGE@127.0.0.1:0?giveUpUri=...
        String treeNode = "[...document.querySelectorAll('#camel-tree-view button')].find(e => e.innerText.trim()"
                + ".startsWith(" + DevTools.quote(uri.substring(0, uri.indexOf('?'))) + "))";
        browser.waitFor("the dicom: listener in the tree", "!!(" + treeNode + ")", PAGE);
        browser.clickElement("the dicom: listener in the tree", treeNode);
        browser.waitFor("the endpoint's Attributes tab", "[...document.querySelectorAll('a.pf-v5-c-nav__link')]"
                + ".some(e => e.innerText.trim() === 'Attributes')", PAGE);
        browser.click("a.pf-v5-c-nav__link", "Attributes");
        browser.waitFor("the endpoint's options", attributeCell("Options") + " !== null", PAGE);

        assertEquals(uri, browser.evaluate(attributeCell("EndpointUri")).asText(), "the dicom-ingest listener shown");
        assertEquals("PACSBRIDGE", browser.evaluate(attributeCell("AeTitle")).asText());
        JsonNode options = JSON.readTree(browser.evaluate(attributeCell("Options")).asText());
        // values as the listener runs with them: settings (retry-delay is 2s in the test profile), defaults, URI
        assertEquals("262144", options.path("maxPduLength").asText(), "maxPduLength in " + options);
        assertEquals("PT2S", options.path("retryDelay").asText(), "retryDelay in " + options);
        assertEquals("REPLACE", options.path("duplicatePolicy").asText(), "duplicatePolicy in " + options);
        assertEquals("direct:dicom-give-up", options.path("giveUpUri").asText(), "giveUpUri in " + options);
        assertEquals(listener.getOptions().keySet(), names(options), "every option of the catalog entry");
        JsonNode descriptions = JSON.readTree(browser.evaluate(attributeCell("OptionDescriptions")).asText());
        assertEquals("Maximum PDU length this node announces for receiving (A-ASSOCIATE user information)",
                descriptions.path("maxPduLength").asText(), "maxPduLength described in " + descriptions);
        assertEquals("Delay before a spooled object whose route failed is tried again",
                descriptions.path("retryDelay").asText(), "retryDelay described in " + descriptions);
        assertEquals(names(options), names(descriptions), "each option described");

        // the console shows the options' JSON on one unbroken line, scrolled sideways; wrapped for the screenshot
        browser.evaluate("document.querySelectorAll('table[aria-label=Attributes] td')"
                + ".forEach(c => c.style.overflowWrap = 'anywhere')");
        browser.evaluate("[...document.querySelectorAll('table[aria-label=Attributes] tbody tr')]"
                + ".find(r => r.cells[0].innerText.trim() === 'Options').scrollIntoView({block: 'center'})");
        browser.screenshot(SCREENSHOTS.resolve("5-dicom-endpoint.png"));
    }

    // The value of one attribute in the Attributes tab, or null while it is not shown.
    private static String attributeCell(String attribute) {
        return "([...document.querySelectorAll('table[aria-label=Attributes] tbody tr')]"
                + ".find(r => r.cells[0].innerText.trim() === " + DevTools.quote(attribute) + ")"
                + "?.cells[1].innerText.trim() ?? null)";
    }

    private static TreeSet<String> names(JsonNode object) {
        TreeSet<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String buttonWithText(String text) {
        return "[...document.querySelectorAll('button')].some(e => e.innerText.trim() === " + DevTools.quote(text) + ")";
    }

    // The text of one cell of a route's row, e.g. State or Completed.
    private static String rowCell(String route, String column) {
        return "([...document.querySelectorAll('#camel-routes-table tbody tr')]"
                + ".find(r => r.querySelector('td[data-label=Name]').innerText.trim() === " + DevTools.quote(route) + ")"
                + "?.querySelector('td[data-label=" + column + "]')?.innerText.trim() ?? '')";
    }

    private static Map<String, JsonNode> routeRows(DevTools browser) throws Exception {
        JsonNode rows = browser.evaluate("[...document.querySelectorAll('#camel-routes-table tbody tr')].map(r => "
                + "Object.fromEntries([...r.querySelectorAll('td[data-label]')].map(c => [c.dataset.label, c.innerText.trim()])))");
        Map<String, JsonNode> byName = new TreeMap<>();
        rows.forEach(row -> byName.put(row.get("Name").asText(), row));
        return byName;
    }

    private static void selectRow(DevTools browser, String route) throws Exception {
        String checkbox = "[...document.querySelectorAll('#camel-routes-table tbody tr')].find(r => "
                + "r.querySelector('td[data-label=Name]').innerText.trim() === " + DevTools.quote(route) + ")"
                + ".querySelector('input[type=checkbox]')";
        if (!browser.evaluate(checkbox + ".checked").asBoolean()) {
            browser.clickElement("the checkbox of route " + route, checkbox);
        }
        browser.waitFor("route " + route + " selected", checkbox + ".checked", PAGE);
    }

    private static void clickEnabledButton(DevTools browser, String label) throws Exception {
        String button = "[...document.querySelectorAll('button')].find(e => e.innerText.trim() === "
                + DevTools.quote(label) + ")";
        browser.waitFor("the " + label + " button enabled", "(" + button + ")?.disabled === false", PAGE);
        browser.clickElement("the " + label + " button", button);
    }
}
