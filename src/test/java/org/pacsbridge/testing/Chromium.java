package org.pacsbridge.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, for tests of the node's web pages: the DOM after the page's scripts
 * ran for a while, and a screenshot.
 */
public final class Chromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser");

    private Chromium() {
    }

    public static boolean available() {
        return executable().isPresent();
    }

    /** The DOM after the page has run its scripts for {@code budget} (virtual time). */
    public static String renderedDom(String url, Duration budget) throws IOException, InterruptedException {
        return new String(run(budget, "--dump-dom", url), StandardCharsets.UTF_8);
    }

    public static void screenshot(String url, Path png, Duration budget) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(budget, "--screenshot=" + png.toAbsolutePath(), "--window-size=1280,1600", url);
        if (!Files.exists(png)) {
            throw new IOException("chromium wrote no screenshot to " + png);
        }
    }

    private static byte[] run(Duration budget, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(executable().orElseThrow(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--virtual-time-budget=" + budget.toMillis()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("chromium", ".out");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(budget.toSeconds() + 60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("chromium did not finish: " + command);
        }
        byte[] output = Files.readAllBytes(out);
        Files.deleteIfExists(out);
        return output;
    }

    static Optional<String> executable() {
        for (String name : NAMES) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toString());
                }
            }
        }
        return Optional.empty();
    }
}
