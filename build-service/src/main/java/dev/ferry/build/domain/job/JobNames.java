package dev.ferry.build.domain.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A job's name: the same for every delivery of one step attempt, different for each attempt, and usable as a
 * Kubernetes object name, a container name and a workflow run's title (63 characters, lowercase letters, digits and
 * '-'). The hash of the run, phase, service and attempt keeps two runs' names apart; the readable part is for people.
 */
public final class JobNames {

    static final int MAX_LENGTH = 63;

    private JobNames() {}

    public static String of(String migrationId, String phase, String service, int attempt) {
        String suffix = "-" + hash(migrationId + "/" + phase + "/" + service + "/" + attempt) + "-a" + attempt;
        String readable = label("ferry-" + phase + "-" + service);
        int room = MAX_LENGTH - suffix.length();
        if (readable.length() > room) {
            readable = readable.substring(0, room).replaceAll("-+$", "");
        }
        return readable + suffix;
    }

    private static String label(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("-+$", "");
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
