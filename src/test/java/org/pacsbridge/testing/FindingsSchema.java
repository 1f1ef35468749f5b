package org.pacsbridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** Checks published events against their contracts in docs/schemas/ (findings, study, alert). */
public final class FindingsSchema {

    private static final JsonSchema SCHEMA = load("findings-v1.json");
    private static final JsonSchema STUDY = load("study-v1.json");
    private static final JsonSchema ALERT = load("alert-v1.json");

    private FindingsSchema() {
    }

    /** Throws an AssertionError listing every violation. */
    public static void assertValid(String eventJson) {
        check(SCHEMA, "findings-v1.json", eventJson);
    }

    /** A pacs.findings.study event against study-v1.json. */
    public static void assertValidStudy(String eventJson) {
        check(STUDY, "study-v1.json", eventJson);
    }

    /** A pacs.alerts event against alert-v1.json. */
    public static void assertValidAlert(String eventJson) {
        check(ALERT, "alert-v1.json", eventJson);
    }

    private static void check(JsonSchema schema, String name, String eventJson) {
        Set<ValidationMessage> errors = schema.validate(eventJson, com.networknt.schema.InputFormat.JSON);
        if (!errors.isEmpty()) {
            throw new AssertionError("event violates docs/schemas/" + name + ": " + errors + "\n" + eventJson);
        }
    }

    private static JsonSchema load(String name) {
        try (InputStream in = Files.newInputStream(Path.of("docs/schemas", name))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
