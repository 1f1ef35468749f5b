package org.pacsbridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;

/** A settings mapping read as the node reads it: config/application.properties, with some keys overridden. */
public final class ShippedSettings {

    private ShippedSettings() {
    }

    public static <T> T mapping(Class<T> type, Map<String, String> overrides) {
        try {
            return new SmallRyeConfigBuilder()
                    .withSources(new PropertiesConfigSource(Path.of("config", "application.properties").toUri().toURL(), 250))
                    .withSources(new MapBackedConfigSource("overrides", overrides, 400) {
                    })
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withMapping(type)
                    .build().getConfigMapping(type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
