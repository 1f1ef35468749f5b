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

/** Checks findings events against the published contract, docs/schemas/findings-v1.json. */
public final class FindingsSchema {

    private static final JsonSchema SCHEMA = load();

    private FindingsSchema() {
    }

    /** Throws an AssertionError listing every violation. */
    public static void assertValid(String eventJson) {
        Set<ValidationMessage> errors = SCHEMA.validate(eventJson, com.networknt.schema.InputFormat.JSON);
        if (!errors.isEmpty()) {
            throw new AssertionError("findings event violates docs/schemas/findings-v1.json: " + errors + "\n" + eventJson);
        }
    }

    private static JsonSchema load() {
        try (InputStream in = Files.newInputStream(Path.of("docs/schemas/findings-v1.json"))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
