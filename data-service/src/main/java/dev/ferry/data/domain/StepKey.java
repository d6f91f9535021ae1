package dev.ferry.data.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names one service's {@code migrate-data} step of a run: the stream, its replication slot, its offsets and its
 * saved state all hang on it, so a redelivered phase or a restarted data-service finds the same ones.
 */
public record StepKey(String migrationId, String phase, String service) {

    /** A name PostgreSQL takes for a slot and a publication (lower case, digits, _; at most 63 characters). */
    public String slotName() {
        return "ferry_" + digest().substring(0, 24);
    }

    /** A folder name for the step's files. */
    public String folder() {
        return slotName();
    }

    private String digest() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((migrationId + "\n" + phase + "\n" + service).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return migrationId + "/" + phase + "/" + service;
    }
}
