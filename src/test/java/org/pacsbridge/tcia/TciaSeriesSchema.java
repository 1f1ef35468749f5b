package org.pacsbridge.tcia;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** Checks catalogue values against docs/schemas/tcia-series-v1.json. */
final class TciaSeriesSchema {

    private static final JsonSchema SCHEMA = load();

    private TciaSeriesSchema() {
    }

    static void assertValid(String value) {
        Set<ValidationMessage> errors = SCHEMA.validate(value, InputFormat.JSON);
        if (!errors.isEmpty()) {
            throw new AssertionError("value violates docs/schemas/tcia-series-v1.json: " + errors + "\n" + value);
        }
    }

    private static JsonSchema load() {
        try (InputStream in = Files.newInputStream(Path.of("docs/schemas/tcia-series-v1.json"))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
