package org.pacsbridge.tcia;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns an error answer's body into a short text. TCIA sends plain text under a JSON content type
 * (400), JSON objects ({@code errorMessage}; OAuth {@code error}/{@code error_description}) and
 * Tomcat HTML pages; the content type is no guide, so the body is looked at.
 */
final class ErrorBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BYTES = 8 * TciaException.MAX_EXCERPT;

    private ErrorBodies() {
    }

    static String describe(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, MAX_BYTES), StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) {
            String fromJson = fromJsonObject(text);
            if (fromJson != null) {
                return fromJson;
            }
        }
        if (text.startsWith("<")) {
            return text.replaceAll("(?s)<(script|style)\\b.*?</\\1>", " ").replaceAll("<[^>]*>", " ")
                    .replaceAll("\\s+", " ").strip();
        }
        return text;
    }

    private static String fromJsonObject(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                return null;
            }
            for (String key : new String[] {"errorMessage", "error_description", "message", "error"}) {
                JsonNode value = node.get(key);
                if (value != null && value.isTextual() && !value.asText().isBlank()) {
                    return key.equals("error_description") && node.path("error").isTextual()
                            ? node.get("error").asText() + ": " + value.asText()
                            : value.asText();
                }
            }
            return null;
        } catch (Exception e) {
            return null; // a truncated or non-JSON body: shown as text
        }
    }
}
