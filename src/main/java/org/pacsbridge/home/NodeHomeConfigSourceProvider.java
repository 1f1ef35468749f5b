package org.pacsbridge.home;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSourceProvider;

import io.smallrye.config.PropertiesConfigSource;

/**
 * Reads {@code config/application.properties} of the node's home when the node was started from
 * another directory. Quarkus reads that file from the working directory by itself (ordinal 260);
 * this source gives the home's copy the same place. Environment variables and system properties
 * still override it.
 */
public class NodeHomeConfigSourceProvider implements ConfigSourceProvider {

    static final int ORDINAL = 260;

    @Override
    public Iterable<ConfigSource> getConfigSources(ClassLoader forClassLoader) {
        String home = System.getProperty(NodeHome.PROPERTY);
        if (home == null || home.isBlank()) {
            return List.of();
        }
        Path file = Path.of(home).resolve("config").resolve("application.properties").toAbsolutePath().normalize();
        Path cwdFile = Path.of("config", "application.properties").toAbsolutePath().normalize();
        if (!Files.isRegularFile(file) || file.equals(cwdFile)) {
            return List.of();
        }
        try {
            return List.of(new PropertiesConfigSource(file.toUri().toURL(), ORDINAL));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
