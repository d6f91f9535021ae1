package dev.ferry.data.dump;

import dev.ferry.data.domain.BackupStore;
import java.nio.file.Path;

/** Keeps dumps in an object store; failures are {@link dev.ferry.data.domain.DataStepFailure}s naming the object. */
public interface Offsite {

    void put(BackupStore store, String objectKey, Path file);

    /** Writes the object into {@code file}. */
    void get(BackupStore store, String objectKey, Path file);
}
