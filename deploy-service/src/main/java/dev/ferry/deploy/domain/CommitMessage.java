package dev.ferry.deploy.domain;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The message of a write-back commit: a subject a person can scan in {@code git log}, one line per change naming
 * service, tag, environment and migration, and trailers a program can search for.
 */
final class CommitMessage {

    static final String STEP_TRAILER = "Ferry-Step";

    private CommitMessage() {}

    static String of(List<TagChange> changes) {
        var body = new StringBuilder(subject(changes)).append("\n\n");
        if (changes.size() > 1) {
            changes.forEach(c -> body.append("- ").append(c.describe()).append('\n'));
            body.append('\n');
        }
        changes.stream().map(TagChange::migrationId).distinct().forEach(m -> body.append("Ferry-Migration: ")
                .append(m)
                .append('\n'));
        changes.forEach(
                c -> body.append(STEP_TRAILER).append(": ").append(c.stepId()).append('\n'));
        return body.toString();
    }

    private static String subject(List<TagChange> changes) {
        if (changes.size() == 1) {
            String line = changes.getFirst().describe();
            return Character.toUpperCase(line.charAt(0)) + line.substring(1);
        }
        String environments =
                changes.stream().map(TagChange::environment).distinct().collect(Collectors.joining(", "));
        String migrations =
                changes.stream().map(TagChange::migrationId).distinct().collect(Collectors.joining(", "));
        boolean allRollbacks = changes.stream().allMatch(TagChange::rollback);
        return (allRollbacks ? "Roll back " : "Deploy ") + changes.size() + " services in " + environments
                + " (migration " + migrations + ")";
    }
}
