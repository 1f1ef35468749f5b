package org.pacsbridge.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeHomeTest {

    @TempDir
    Path tmp;

    @Test
    void theWorkingDirectoryWhenItHasRoutes() throws IOException {
        Files.createDirectories(tmp.resolve("routes"));
        assertEquals(tmp, NodeHome.locate(Optional.empty(), tmp, Optional.empty()));
    }

    @Test
    void aboveThePackagedApplicationWhenStartedElsewhere() throws IOException {
        Path root = tmp.resolve("pacs-bridge");
        Files.createDirectories(root.resolve("routes"));
        Path jar = root.resolve("target/quarkus-app/app/pacs-bridge.jar");
        Files.createDirectories(jar.getParent());
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));

        assertEquals(root, NodeHome.locate(Optional.empty(), elsewhere, Optional.of(jar)));
    }

    @Test
    void pacsHomeWinsAndMustHoldRoutes() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        var e = assertThrows(NodeHome.NodeHomeNotFoundException.class,
                () -> NodeHome.locate(Optional.of(home.toString()), tmp, Optional.empty()));
        assertTrue(e.getMessage().contains(home.resolve("routes").toString()), e.getMessage());

        Files.createDirectories(home.resolve("routes"));
        assertEquals(home, NodeHome.locate(Optional.of(home.toString()), tmp, Optional.empty()));
    }

    @Test
    void namesEveryPathItLookedAt() {
        Path jar = tmp.resolve("a/b/app.jar");
        var e = assertThrows(NodeHome.NodeHomeNotFoundException.class,
                () -> NodeHome.locate(Optional.empty(), tmp, Optional.of(jar)));
        assertTrue(e.getMessage().contains(tmp.resolve("routes").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(tmp.resolve("a/b/routes").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("PACS_HOME"), e.getMessage());
    }
}
