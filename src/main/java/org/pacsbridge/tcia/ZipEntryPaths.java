package org.pacsbridge.tcia;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Where an entry may be written: inside the target directory, whatever its name says. */
final class ZipEntryPaths {

    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:.*");

    private ZipEntryPaths() {
    }

    /**
     * The path for entry {@code name} below {@code target} (a real, absolute directory).
     *
     * @throws TciaZipException {@link TciaZipException.Kind#UNSAFE_PATH} for {@code ..} segments,
     *                          absolute names, drive letters, colons and control characters
     */
    static Path resolve(Path target, String name) throws TciaZipException {
        String shown = printable(name);
        if (name.isEmpty()) {
            throw unsafe(shown, "empty name");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw unsafe(shown, "control character in name");
            }
        }
        String normalised = name.replace('\\', '/');
        if (normalised.startsWith("/")) {
            throw unsafe(shown, "absolute path");
        }
        if (DRIVE_LETTER.matcher(normalised).matches() || normalised.contains(":")) {
            throw unsafe(shown, "drive letter or colon");
        }
        for (String segment : normalised.split("/")) {
            if (segment.equals("..")) {
                throw unsafe(shown, "'..' segment");
            }
        }
        Path resolved;
        try {
            resolved = target.resolve(normalised).normalize();
        } catch (InvalidPathException e) {
            throw unsafe(shown, "not a valid file name here");
        }
        if (!resolved.startsWith(target) || resolved.equals(target)) {
            throw unsafe(shown, "resolves outside the target directory");
        }
        return resolved;
    }

    /** The name with control characters replaced, shortened for messages. */
    static String printable(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && out.length() < 120; i++) {
            char c = name.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }

    private static TciaZipException unsafe(String name, String why) {
        return new TciaZipException(TciaZipException.Kind.UNSAFE_PATH, "ZIP entry '" + name + "' refused: " + why);
    }
}
