package org.pacsbridge.k8s;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A base image with a Java 17 runtime made on this machine, since no registry can be pulled from: a Debian
 * file system from {@code debootstrap} (from the mirror apt uses), imported as a local image. The file system is
 * kept as a tarball in {@link #CACHE} (override: {@code PACS_IMAGE_BASE_CACHE}), named after what it is built
 * from, so that it is built once per machine; a tagged image in the local store is reused as it is.
 */
final class DebianJavaBase {

    static final Path CACHE = Path.of(Optional.ofNullable(System.getenv("PACS_IMAGE_BASE_CACHE"))
            .orElse("/var/cache/pacs-bridge-image-base"));
    private static final String SUITE = "bookworm";
    private static final List<String> PACKAGES = List.of("openjdk-17-jre-headless");

    private DebianJavaBase() {
    }

    /** The local image's name, built or imported if it is not there yet. */
    static String image() throws IOException, InterruptedException {
        String mirror = aptMirror();
        String key = key(mirror);
        String image = "localhost/pacs-bridge-test-base:" + key;
        Files.createDirectories(CACHE);
        try (FileChannel lockFile = FileChannel.open(CACHE.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            if (Commands.run("buildah", "inspect", "--type", "image", image).exitCode() == 0) {
                return image;
            }
            Path tarball = CACHE.resolve("debian-" + SUITE + "-java17-" + key + ".tar");
            if (!Files.exists(tarball)) {
                build(mirror, tarball);
            }
            Commands.check("podman", "import", tarball.toString(), image);
            return image;
        }
    }

    private static void build(String mirror, Path tarball) throws IOException, InterruptedException {
        Path root = Files.createTempDirectory(CACHE, "rootfs");
        try {
            Commands.check("debootstrap", "--variant=minbase", "--include=" + String.join(",", PACKAGES), SUITE,
                    root.toString(), mirror);
            Path partial = CACHE.resolve(tarball.getFileName() + ".partial");
            Commands.check("tar", "-C", root.toString(), "-cf", partial.toString(), ".");
            Files.move(partial, tarball);
        } finally {
            Commands.run("rm", "-rf", root.toString());
        }
    }

    /** The Debian mirror of apt's sources (deb822 URIs or a one-line "deb" entry), not the security archive. */
    static String aptMirror() throws IOException {
        List<Path> sources = new ArrayList<>();
        sources.add(Path.of("/etc/apt/sources.list"));
        Path dir = Path.of("/etc/apt/sources.list.d");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.sorted().forEach(sources::add);
            }
        }
        for (Path source : sources) {
            if (!Files.isRegularFile(source)) {
                continue;
            }
            for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
                String[] words = line.strip().split("\\s+");
                for (String word : words) {
                    if (word.matches("https?://\\S*/debian/?") && (line.startsWith("URIs:") || line.startsWith("deb "))) {
                        return word;
                    }
                }
            }
        }
        return "http://deb.debian.org/debian";
    }

    private static String key(String mirror) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((SUITE + " " + String.join(",", PACKAGES) + " " + mirror).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
