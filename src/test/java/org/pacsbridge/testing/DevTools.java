package org.pacsbridge.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A headless Chromium driven over the Chrome DevTools protocol (a WebSocket from the JDK's own
 * client): navigate, run script in the page, type, click, take screenshots, and collect what the
 * page logged. For tests of interactive pages that {@link Chromium}'s one-shot runs cannot drive.
 */
public final class DevTools implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private DevTools(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    public static DevTools launch(int width, int height) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-devtools");
        List<String> command = List.of(Chromium.executable().orElseThrow(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "--remote-allow-origins=*",
                "--window-size=" + width + "," + height, "about:blank");
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int port = debuggingPort(profile, process);
            String pageSocket = pageSocketUrl(port);
            Listener listener = new Listener();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(pageSocket), listener).get(30, TimeUnit.SECONDS);
            DevTools devTools = new DevTools(process, profile, socket);
            listener.owner = devTools;
            devTools.call("Runtime.enable", Map.of());
            devTools.call("Page.enable", Map.of());
            devTools.call("Log.enable", Map.of());
            return devTools;
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("Chromium's DevTools could not be reached", e);
        }
    }

    public void navigate(String url) throws IOException {
        call("Page.navigate", Map.of("url", url));
    }

    /** Runs a script expression in the page (promises awaited) and returns its value. */
    public JsonNode evaluate(String expression) throws IOException {
        JsonNode result = call("Runtime.evaluate",
                Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IOException("script failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits until the script expression is true in the page. */
    public void waitFor(String description, String expression, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (evaluate(expression).asBoolean(false)) {
                    return;
                }
            } catch (IOException e) {
                // the page may be navigating; try again
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("timed out waiting for " + description + "; page log: " + log);
            }
            sleep(200);
        }
    }

    /** Polls a condition outside the page, e.g. the server's state. */
    public static void await(String description, BooleanSupplier condition, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("timed out waiting for " + description);
            }
            sleep(200);
        }
    }

    /** Focuses the element and types the text as keyboard input. */
    public void type(String cssSelector, String text) throws IOException {
        if (!evaluate("(() => { const e = document.querySelector(" + quote(cssSelector) + "); if (!e) return false; "
                + "e.focus(); e.select && e.select(); return true; })()").asBoolean()) {
            throw new IOException("no element " + cssSelector);
        }
        call("Input.insertText", Map.of("text", text));
    }

    /** Clicks the element's centre with the mouse, as a user would. */
    public void click(String cssSelector) throws IOException {
        clickElement(cssSelector, "document.querySelector(" + quote(cssSelector) + ")");
    }

    /** Clicks the first element matching the selector whose visible text is {@code text}. */
    public void click(String cssSelector, String text) throws IOException {
        clickElement(cssSelector + " with text " + text, "[...document.querySelectorAll(" + quote(cssSelector)
                + ")].find(e => e.innerText.trim() === " + quote(text) + ")");
    }

    /** Clicks the element a script expression finds. */
    public void clickElement(String description, String elementExpression) throws IOException {
        JsonNode box = evaluate("(() => { const e = " + elementExpression + "; if (!e) return null; "
                + "e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect(); "
                + "return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
        if (box.isNull() || box.isMissingNode()) {
            throw new IOException("no element " + description);
        }
        double x = box.get("x").asDouble();
        double y = box.get("y").asDouble();
        call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
        call("Input.dispatchMouseEvent", Map.of("type", "mousePressed", "x", x, "y", y, "button", "left", "clickCount", 1));
        call("Input.dispatchMouseEvent", Map.of("type", "mouseReleased", "x", x, "y", y, "button", "left", "clickCount", 1));
    }

    public void screenshot(Path png) throws IOException {
        JsonNode result = call("Page.captureScreenshot", Map.of("format", "png"));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(result.get("data").asText()));
    }

    /** What the page logged (console messages, uncaught exceptions, browser log entries). */
    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    public static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode call(String method, Map<String, Object> params) throws IOException {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            socket.sendText(JSON.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
            JsonNode reply = answer.get(60, TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IOException(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException(method + " got no answer", e);
        } finally {
            pending.remove(id);
        }
    }

    private void received(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        String method = message.path("method").asText();
        JsonNode params = message.path("params");
        switch (method) {
            case "Runtime.consoleAPICalled" -> {
                StringBuilder line = new StringBuilder("console." + params.path("type").asText() + ":");
                params.path("args").forEach(arg -> line.append(' ')
                        .append(arg.has("value") ? arg.get("value").asText() : arg.path("description").asText()));
                log.add(line.toString());
            }
            case "Runtime.exceptionThrown" -> log.add("exception: "
                    + params.path("exceptionDetails").path("exception").path("description").asText(
                            params.path("exceptionDetails").path("text").asText()));
            case "Log.entryAdded" -> log.add("browser." + params.path("entry").path("level").asText() + ": "
                    + params.path("entry").path("text").asText() + " " + params.path("entry").path("url").asText(""));
            default -> {
            }
        }
    }

    @Override
    public void close() {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteQuietly(profile);
    }

    private static int debuggingPort(Path profile, Process process) throws IOException, InterruptedException {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!process.isAlive()) {
                throw new IOException("chromium exited with " + process.exitValue());
            }
            Thread.sleep(100);
        }
        throw new IOException("chromium wrote no DevToolsActivePort");
    }

    private static String pageSocketUrl(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode target : JSON.readTree(response.body())) {
            if ("page".equals(target.path("type").asText())) {
                return target.get("webSocketDebuggerUrl").asText();
            }
        }
        throw new IOException("chromium has no page: " + response.body());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }

    /** Puts the DevTools messages, which may arrive in several frames, back together. */
    private static final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();
        private volatile DevTools owner;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    if (owner != null) {
                        owner.received(JSON.readTree(text));
                    }
                } catch (IOException e) {
                    // not JSON: ignore
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
