package org.pacsbridge.tcia;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jboss.logging.Logger;
import org.pacsbridge.tcia.TciaException.Kind;

/**
 * One object of a JSON answer, read by key. Absent keys and JSON {@code null} give {@code null}
 * (the NBIA API leaves null values out). Numbers are accepted as JSON numbers or numeric strings, as
 * the archive has sent both. An optional value of the wrong kind (an empty string for a flag, a word
 * for a count, a date in another version's format) is read as absent and counted in the tally; only
 * {@link #requiredText} fails, with {@link TciaException.Kind#MALFORMED_RESPONSE} naming the
 * endpoint, the element and the key.
 */
final class JsonRow {

    private static final Logger LOG = Logger.getLogger(JsonRow.class);

    private final String endpoint;
    private final int index;
    private final ObjectNode node;
    private final TciaAnswerTally tally;

    JsonRow(String endpoint, int index, ObjectNode node, TciaAnswerTally tally) {
        this.endpoint = endpoint;
        this.index = index;
        this.node = node;
        this.tally = tally;
    }

    boolean isEmpty() {
        return node.isEmpty();
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    /** The text of the first of {@code keys} present; numbers and booleans as their text. */
    String text(String... keys) {
        return orAbsent(() -> strictText(keys));
    }

    private String strictText(String... keys) throws TciaException {
        for (String key : keys) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                continue;
            }
            if (value.isValueNode()) {
                return value.asText();
            }
            throw malformed("'" + key + "' is a JSON " + value.getNodeType().name().toLowerCase(Locale.ROOT)
                    + ", expected a value");
        }
        return null;
    }

    /** Like {@link #text} but the value must be there and not blank. */
    String requiredText(String... keys) throws TciaException {
        String value = strictText(keys);
        if (value == null || value.isBlank()) {
            throw malformed("no " + String.join(" or ", quoted(keys)) + " (keys present: " + keyNames() + ")");
        }
        return value;
    }

    Integer integer(String key) {
        return orAbsent(() -> strictInteger(key));
    }

    private Integer strictInteger(String key) throws TciaException {
        BigDecimal value = number(key);
        if (value == null) {
            return null;
        }
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            throw malformed("'" + key + "' is " + value.toPlainString() + ", expected a whole number");
        }
    }

    Long longValue(String key) {
        return orAbsent(() -> strictLong(key));
    }

    private Long strictLong(String key) throws TciaException {
        BigDecimal value = number(key);
        if (value == null) {
            return null;
        }
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw malformed("'" + key + "' is " + value.toPlainString() + ", expected a whole number");
        }
    }

    Double decimal(String key) {
        BigDecimal value = orAbsent(() -> number(key));
        return value == null ? null : value.doubleValue();
    }

    /** JSON booleans, 1/0, and the texts true/false/yes/no. */
    Boolean flag(String key) {
        return orAbsent(() -> strictFlag(key));
    }

    private Boolean strictFlag(String key) throws TciaException {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.isValueNode() ? value.asText().strip().toLowerCase(Locale.ROOT) : "";
        switch (text) {
            case "true", "yes", "1":
                return true;
            case "false", "no", "0":
                return false;
            default:
                throw malformed("'" + key + "' is " + shown(value) + ", expected true/false");
        }
    }

    LocalDateTime dateTime(String key, TciaDates.AnswerStyle style) {
        return orAbsent(() -> strictDateTime(key, style));
    }

    private LocalDateTime strictDateTime(String key, TciaDates.AnswerStyle style) throws TciaException {
        String value = strictText(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return style.parse(value);
        } catch (DateTimeParseException e) {
            throw malformed("'" + key + "' is \"" + shorten(value) + "\", expected a date like " + style.expected());
        }
    }

    LocalDate date(String key, TciaDates.AnswerStyle style) {
        LocalDateTime value = dateTime(key, style);
        return value == null ? null : value.toLocalDate();
    }

    TciaException malformed(String what) {
        return new TciaException(Kind.MALFORMED_RESPONSE, endpoint, "answer element " + index + ": " + what);
    }

    String keyNames() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** The value, or null (counted) when it cannot be read. */
    private <T> T orAbsent(Read<T> read) {
        try {
            return read.value();
        } catch (TciaException unreadable) {
            tally.unreadableValue();
            LOG.debugf("TCIA %s: %s; read as absent", endpoint, unreadable.getMessage());
            return null;
        }
    }

    @FunctionalInterface
    private interface Read<T> {
        T value() throws TciaException;
    }

    private BigDecimal number(String key) throws TciaException {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            String text = value.asText().strip();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw malformed("'" + key + "' is " + shown(value) + ", expected a number");
    }

    private static String shown(JsonNode value) {
        return value.isTextual() ? "\"" + shorten(value.asText()) + "\""
                : value.isValueNode() ? shorten(value.asText())
                : "a JSON " + value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static List<String> quoted(String... keys) {
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            out.add("'" + key + "'");
        }
        return out;
    }
}
