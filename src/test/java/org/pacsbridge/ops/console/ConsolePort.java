package org.pacsbridge.ops.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A plain HTTP client for the console port of the node under test. */
final class ConsolePort {

    static final String USER = "operator";
    // %test.pacs.console.password in config/application.properties
    static final String PASSWORD = "test-console-password";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    ConsolePort(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String base() {
        return base;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A Jolokia request with the console's credentials; the Jolokia answer. */
    JsonNode jolokia(String requestJson) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request("/jolokia").header("Authorization", basic(USER, PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString(requestJson)));
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static String exec(String mbean, String operation, String... arguments) {
        StringBuilder json = new StringBuilder("{\"type\":\"exec\",\"mbean\":").append(quote(mbean))
                .append(",\"operation\":").append(quote(operation)).append(",\"arguments\":[");
        for (int i = 0; i < arguments.length; i++) {
            json.append(i == 0 ? "" : ",").append(quote(arguments[i]));
        }
        return json.append("]}").toString();
    }

    static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
