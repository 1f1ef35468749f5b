package org.pacsbridge;

import java.nio.file.Path;
import java.util.Optional;

import io.quarkus.runtime.Quarkus;

import org.pacsbridge.home.NodeHome;

/**
 * Entry point: finds the node's home (routes and configuration) before Quarkus reads its
 * configuration, and stops with a message naming the paths it tried when there is none.
 *
 * <p>Named by {@code quarkus.package.main-class} rather than annotated with {@code @QuarkusMain}:
 * Camel Quarkus does not start the Camel context by itself when it finds that annotation.
 */
public final class PacsBridgeMain {

    private PacsBridgeMain() {
    }

    public static void main(String... args) {
        Path home;
        try {
            home = NodeHome.locate(
                    Optional.ofNullable(System.getProperty(NodeHome.PROPERTY))
                            .or(() -> Optional.ofNullable(System.getenv(NodeHome.ENVIRONMENT))),
                    Path.of(""),
                    NodeHome.applicationLocation(PacsBridgeMain.class));
        } catch (NodeHome.NodeHomeNotFoundException e) {
            System.err.println("PACS Bridge cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.setProperty(NodeHome.PROPERTY, home.toString());
        Quarkus.run(args);
    }
}
