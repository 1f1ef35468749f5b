package org.pacsbridge.home;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The directory the node runs from: the one that holds {@code routes/} and {@code config/}.
 *
 * <p>Looked up, in order, from {@code PACS_HOME} (or the system property {@code pacs.home}), the
 * working directory, and the directories above the application jar (so that
 * {@code java -jar target/quarkus-app/quarkus-run.jar} works from anywhere). Relative paths in the
 * configuration (spool, embedded broker) are resolved against it.
 */
public final class NodeHome {

    public static final String PROPERTY = "pacs.home";
    public static final String ENVIRONMENT = "PACS_HOME";
    public static final String ROUTES = "routes";
    private static final int JAR_LEVELS_UP = 4;

    private NodeHome() {
    }

    /** The home set by {@link #locate}, else the working directory. */
    public static Path current() {
        String home = System.getProperty(PROPERTY);
        return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
    }

    /** A configured path: absolute as given, relative against the node's home. */
    public static Path resolve(String configured) {
        Path path = Path.of(configured);
        return path.isAbsolute() ? path : current().resolve(path).normalize();
    }

    /**
     * Finds the home directory.
     *
     * @param explicit PACS_HOME or pacs.home, if set
     * @param workingDirectory where the process was started
     * @param applicationLocation the jar or class directory the node was loaded from
     * @throws NodeHomeNotFoundException naming every path that was looked at
     */
    public static Path locate(Optional<String> explicit, Path workingDirectory, Optional<Path> applicationLocation) {
        List<Path> looked = new ArrayList<>();
        if (explicit.isPresent() && !explicit.get().isBlank()) {
            Path home = Path.of(explicit.get()).toAbsolutePath().normalize();
            if (hasRoutes(home)) {
                return home;
            }
            throw new NodeHomeNotFoundException("PACS_HOME is " + home + " but " + home.resolve(ROUTES)
                    + " is not a directory");
        }
        Path cwd = workingDirectory.toAbsolutePath().normalize();
        looked.add(cwd.resolve(ROUTES));
        if (hasRoutes(cwd)) {
            return cwd;
        }
        if (applicationLocation.isPresent()) {
            Path dir = applicationLocation.get().toAbsolutePath().normalize();
            for (int i = 0; i < JAR_LEVELS_UP && dir != null; i++) {
                dir = dir.getParent();
                if (dir == null) {
                    break;
                }
                looked.add(dir.resolve(ROUTES));
                if (hasRoutes(dir)) {
                    return dir;
                }
            }
        }
        throw new NodeHomeNotFoundException("No routes directory found; looked at " + looked
                + ". Start the node from its directory or set PACS_HOME.");
    }

    public static Optional<Path> applicationLocation(Class<?> anchor) {
        try {
            var source = anchor.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static boolean hasRoutes(Path dir) {
        return Files.isDirectory(dir.resolve(ROUTES));
    }

    /** The node cannot start: it does not know where its routes are. */
    public static final class NodeHomeNotFoundException extends RuntimeException {
        public NodeHomeNotFoundException(String message) {
            super(message);
        }
    }
}
