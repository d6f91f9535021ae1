package dev.ferry.deploy.traffic.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.serde.EventCodec;
import dev.ferry.contracts.serde.SchemaCatalog;
import dev.ferry.deploy.traffic.Evaluation;
import dev.ferry.deploy.traffic.ShiftProgress;
import dev.ferry.runtime.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The running traffic shifts, one JSON file each under a directory, so a restarted deploy-service resumes them: the
 * {@code phase.started} the shift answers (single-object Avro, base64, readable by later versions through the released
 * schemas), the service, and its progress (step, the pause's end, commits, evaluations). Files are written to a
 * temporary name with DSYNC and moved into place, so a crash leaves the old file or the new one, never half of one.
 */
final class ShiftFiles {

    private static final int FORMAT = 1;
    private static final String SUFFIX = ".json";
    private static final String PARTIAL = DurableFiles.PARTIAL;

    /** A shift found on disk: what it answers, and how far it got (empty when it had not read its route yet). */
    record Saved(PhaseStarted phase, String service, Optional<ShiftProgress> progress) {}

    private final Path directory;
    private final EventCodec codec = new EventCodec(SchemaCatalog.builtIn());
    private final ObjectMapper json = new ObjectMapper();

    ShiftFiles(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    void save(PhaseStarted phase, String service, String stepId, Optional<ShiftProgress> progress) {
        ObjectNode node = json.createObjectNode()
                .put("format", FORMAT)
                .put("service", service)
                .put("phaseStarted", Base64.getEncoder().encodeToString(codec.encode(phase)));
        progress.ifPresent(p -> node.set("progress", progress(p)));
        Path file = fileOf(stepId);
        try {
            DurableFiles.replace(file, json.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot save the traffic shift's progress to " + file
                            + "; check that ferry.deploy.traffic.state-directory is writable",
                    e);
        }
    }

    boolean has(String stepId) {
        return Files.exists(fileOf(stepId));
    }

    /** Forgets a shift once its answer is published; a crash before that answers it again after the restart. */
    void delete(String stepId) {
        try {
            Files.deleteIfExists(fileOf(stepId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the finished traffic shift " + fileOf(stepId), e);
        }
    }

    /** Every saved shift; a file that cannot be read is renamed {@code .unreadable} and reported by the caller. */
    List<Saved> load(List<String> unreadable) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        var saved = new ArrayList<Saved>();
        for (Path file : files()) {
            try {
                saved.add(read(file));
            } catch (IOException | RuntimeException e) {
                unreadable.add(file + ": " + e.getMessage());
                setAside(file);
            }
        }
        return saved;
    }

    private Saved read(Path file) throws IOException {
        JsonNode node = json.readTree(file.toFile());
        if (node == null || node.path("format").asInt() != FORMAT) {
            throw new IOException("not a traffic shift file of format " + FORMAT);
        }
        PhaseStarted phase = codec.decode(
                Base64.getDecoder().decode(node.path("phaseStarted").asText()), PhaseStarted.class, file.toString());
        JsonNode progress = node.path("progress");
        return new Saved(
                phase,
                node.path("service").asText(),
                progress.isMissingNode() ? Optional.empty() : Optional.of(progress(progress)));
    }

    private ObjectNode progress(ShiftProgress progress) {
        ObjectNode node = json.createObjectNode().put("step", progress.step());
        progress.holdUntil().ifPresent(until -> node.put("holdUntil", until.toString()));
        progress.stop()
                .ifPresent(
                        stop -> node.putObject("stop").put("kind", stop.kind()).put("why", stop.why()));
        ArrayNode commits = node.putArray("commits");
        progress.commits().forEach(commits::add);
        ArrayNode evaluations = node.putArray("evaluations");
        for (Evaluation evaluation : progress.evaluations()) {
            ObjectNode e = evaluations
                    .addObject()
                    .put("at", evaluation.at().toString())
                    .put("weight", evaluation.weight())
                    .put("check", evaluation.check())
                    .put("verdict", evaluation.verdict().name())
                    .put("note", evaluation.note());
            ArrayNode values = e.putArray("values");
            evaluation.values().forEach(v -> values.add(Double.isNaN(v) ? "NaN" : Double.toString(v)));
        }
        return node;
    }

    private static ShiftProgress progress(JsonNode node) {
        var commits = new ArrayList<String>();
        node.path("commits").forEach(c -> commits.add(c.asText()));
        var evaluations = new ArrayList<Evaluation>();
        for (JsonNode e : node.path("evaluations")) {
            var values = new ArrayList<Double>();
            e.path("values").forEach(v -> values.add(Double.parseDouble(v.asText())));
            evaluations.add(new Evaluation(
                    Instant.parse(e.path("at").asText()),
                    e.path("weight").asInt(),
                    e.path("check").asText(),
                    values,
                    Evaluation.Verdict.valueOf(e.path("verdict").asText()),
                    e.path("note").asText()));
        }
        Optional<Instant> until = node.has("holdUntil")
                ? Optional.of(Instant.parse(node.path("holdUntil").asText()))
                : Optional.empty();
        JsonNode stop = node.path("stop");
        return new ShiftProgress(
                node.path("step").asInt(),
                until,
                commits,
                evaluations,
                stop.isMissingNode()
                        ? Optional.empty()
                        : Optional.of(new ShiftProgress.Stop(
                                stop.path("kind").asText(), stop.path("why").asText())));
    }

    private List<Path> files() {
        try (Stream<Path> listed = Files.list(directory)) {
            List<Path> all = listed.sorted().toList();
            // A save cut short never returned; its shift is resumed from the file it replaced, or started again.
            all.stream().filter(f -> f.toString().endsWith(PARTIAL)).forEach(ShiftFiles::deleteQuietly);
            return all.stream().filter(f -> f.toString().endsWith(SUFFIX)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the saved traffic shifts in " + directory, e);
        }
    }

    private static void setAside(Path file) {
        try {
            Files.move(
                    file, file.resolveSibling(file.getFileName() + ".unreadable"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // Left in place: it is reported again at the next start.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Never read as a shift; deleted at the next start.
        }
    }

    private Path fileOf(String stepId) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(stepId.getBytes(StandardCharsets.UTF_8));
            return directory.resolve(HexFormat.of().formatHex(digest, 0, 16) + SUFFIX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
