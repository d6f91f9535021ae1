package dev.ferry.data.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.domain.StepKey;
import dev.ferry.runtime.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The step records under data-service's data directory, one folder per step (the stream's offsets live beside the
 * record). A record is written to a temporary file, forced to disk and moved into place, so a crash leaves the old
 * record or the new one, never half of one.
 */
public final class StepRecords {

    private static final String FILE = "step.json";

    private final Path root;
    private final ObjectMapper json = new ObjectMapper();

    public StepRecords(Path root) {
        this.root = root;
    }

    public Path folder(StepKey key) {
        return root.resolve(key.folder());
    }

    public Optional<StepRecord> find(StepKey key) {
        Path file = folder(key).resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), StepRecord.class));
        } catch (IOException e) {
            throw new DataStepFailure(
                    DataStepFailure.Kind.INTERNAL, false, "cannot read " + file + ": " + e.getMessage());
        }
    }

    public void save(StepKey key, StepRecord record) {
        Path folder = folder(key);
        try {
            DurableFiles.replace(
                    folder.resolve(FILE), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
        } catch (IOException e) {
            throw new DataStepFailure(
                    DataStepFailure.Kind.INTERNAL,
                    true,
                    "cannot write the step record under " + folder + "; check that ferry.data.data-dir is writable: "
                            + e.getMessage());
        }
    }

    /** Every step recorded, for the streams to start again after a restart. */
    public List<StepRecord> all() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        var records = new ArrayList<StepRecord>();
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.toList()) {
                Path file = folder.resolve(FILE);
                if (Files.exists(file)) {
                    records.add(json.readValue(file.toFile(), StepRecord.class));
                }
            }
        } catch (IOException e) {
            throw new DataStepFailure(
                    DataStepFailure.Kind.INTERNAL, false, "cannot list " + root + ": " + e.getMessage());
        }
        return records;
    }
}
