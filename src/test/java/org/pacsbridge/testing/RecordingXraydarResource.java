package org.pacsbridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import org.pacsbridge.xraydar.simulator.XraydarSimulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * X-Raydar as the node sees it across the network: the simulator behind a pass-through that keeps
 * the raw bytes of every request body (multipart framing, form fields, file), so that a test can
 * check exactly what left the node. The node's clients are pointed at the pass-through and the
 * built-in simulator is off. Applied only to the classes that name it (scope MATCHING_RESOURCES).
 */
public class RecordingXraydarResource implements QuarkusTestResourceLifecycleManager {

    /** One request as it arrived: path and the raw body. */
    public record RawRequest(String path, byte[] body) {
    }

    private static final List<RawRequest> REQUESTS = new ArrayList<>();

    private XraydarSimulator simulator;
    private HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @Override
    public Map<String, String> start() {
        simulator = new XraydarSimulator("127.0.0.1", 0).start();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "recording-xraydar");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::forward);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("pacs.xraydar.simulator.enabled", "false",
                "pacs.xraydar.cv-url", base + XraydarSimulator.CV_PATH,
                "pacs.xraydar.nlp-url", base + XraydarSimulator.NLP_PATH);
    }

    /** The raw bodies received on {@code path} so far, oldest first. */
    public static List<byte[]> bodies(String path) {
        synchronized (REQUESTS) {
            return REQUESTS.stream().filter(r -> r.path().equals(path)).map(RawRequest::body).toList();
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = exchange.getRequestURI().getPath();
            synchronized (REQUESTS) {
                REQUESTS.add(new RawRequest(path, body));
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")
                        && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, new ArrayList<>(values));
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the exchange is closed unanswered: the node's client sees an error
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (simulator != null) {
            simulator.close();
        }
    }
}
