package dev.ferry.build.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.build.domain.CiWait;
import dev.ferry.build.kafka.GithubActionsBuilds.Step;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.serde.EventCodec;
import dev.ferry.contracts.serde.SchemaCatalog;
import dev.ferry.runtime.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * The github-actions steps waiting for CI, one JSON file each under a directory, so a restarted build-service still
 * answers them. A file holds what the wait matches on (repository, commit, workflow), its deadline, and the {@code
 * phase.started} it answers in Ferry's wire format (single-object Avro, base64), which the next version can still read
 * through the released schemas. Files are written to a temporary name and moved into place, so a crash leaves the old
 * file or the new one, never half of one.
 */
public final class WaitFiles {

    private static final int FORMAT = 1;
    private static final String SUFFIX = ".json";
    private static final String PARTIAL = DurableFiles.PARTIAL;

    /** A file that could not be read back, set aside under {@code movedTo} so it is reported once. */
    record Unreadable(Path file, Path movedTo, String reason) {}

    /** What a start-up finds: the waits to resume, and the files it had to skip. */
    record Reloaded(List<CiWait<Step>> waits, List<Unreadable> unreadable) {}

    private final Path directory;
    private final EventCodec codec = new EventCodec(SchemaCatalog.builtIn());
    private final ObjectMapper json = new ObjectMapper();

    public WaitFiles(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    /** Saves (or replaces) the wait of one step. */
    void save(CiWait<Step> wait) {
        Step step = wait.step();
        ObjectNode node = json.createObjectNode()
                .put("format", FORMAT)
                .put("migrationId", step.phase().getMetadata().getMigrationId().toString())
                .put("eventId", eventId(step))
                .put("service", step.work().getService())
                .put("repository", wait.repository())
                .put("commit", wait.commit())
                .put("workflow", wait.workflow())
                .put("startedAt", step.startedAt().toString())
                .put("deadline", wait.deadline().toString())
                .put("phaseStarted", Base64.getEncoder().encodeToString(codec.encode(step.phase())));
        Path file = fileOf(step);
        try {
            DurableFiles.replace(file, json.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot save the wait for CI to " + file
                            + "; check that ferry.build.github-actions.state-directory is writable",
                    e);
        }
    }

    /**
     * Forgets the wait of one step; nothing happens when there is none. Called once the answer is published, so a crash
     * in between answers the step again after the restart, never not at all.
     */
    void delete(CiWait<Step> wait) {
        Path file = fileOf(wait.step());
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the answered wait " + file, e);
        }
    }

    /** Every saved wait; a file that cannot be read is set aside and reported, and the others still load. */
    Reloaded load() {
        if (!Files.isDirectory(directory)) {
            return new Reloaded(List.of(), List.of());
        }
        // A save cut short never returned, so its phase.started comes again and is saved anew.
        for (Path partial : files(PARTIAL)) {
            deleteQuietly(partial);
        }
        var waits = new ArrayList<CiWait<Step>>();
        var unreadable = new ArrayList<Unreadable>();
        for (Path file : files(SUFFIX)) {
            try {
                waits.add(read(file));
            } catch (IOException | RuntimeException e) {
                unreadable.add(setAside(file, e));
            }
        }
        return new Reloaded(waits, unreadable);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left for the next start: a partial file is never read as a wait.
        }
    }

    private List<Path> files(String suffix) {
        try (Stream<Path> listed = Files.list(directory)) {
            return listed.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the saved waits for CI in " + directory, e);
        }
    }

    /** The wait as it was saved, its request mapped again from the phase as when the step started. */
    private CiWait<Step> read(Path file) throws IOException {
        JsonNode node = json.readTree(file.toFile());
        if (node == null || node.path("format").asInt() != FORMAT) {
            throw new IOException("not a wait file of format " + FORMAT);
        }
        PhaseStarted phase = codec.decode(
                Base64.getDecoder().decode(text(node, "phaseStarted")), PhaseStarted.class, file.toString());
        String service = text(node, "service");
        ServiceWork work = phase.getServices().stream()
                .filter(w -> w.getService().equals(service))
                .findFirst()
                .orElseThrow(() -> new IOException("its phase.started has no service " + service));
        var step =
                new Step(phase, work, ServiceWorkMapping.request(phase, work), Instant.parse(text(node, "startedAt")));
        return new CiWait<>(
                text(node, "repository"),
                text(node, "commit"),
                text(node, "workflow"),
                Instant.parse(text(node, "deadline")),
                step);
    }

    private static String text(JsonNode node, String field) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IOException("field " + field + " is missing");
        }
        return value.asText();
    }

    private static Unreadable setAside(Path file, Exception problem) {
        Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            aside = file;
        }
        return new Unreadable(file, aside, String.valueOf(problem.getMessage()));
    }

    /** One file per (phase event, service): the step's identity, kept to characters any file system takes. */
    private Path fileOf(Step step) {
        String name = step.work().getService() + "-" + eventId(step);
        return directory.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + SUFFIX);
    }

    private static String eventId(Step step) {
        return step.phase().getMetadata().getEventId().toString();
    }
}
