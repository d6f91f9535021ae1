package dev.ferry.contracts.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Decides whether a schema may replace its released versions: FULL compatibility, meaning a consumer on the new
 * schema reads every released version's records and a consumer on any released version reads the new schema's.
 */
public final class CompatibilityGate {

    /** Which way a check failed. */
    public enum Direction {
        /** A consumer on the candidate cannot read records written with the released version. */
        CANDIDATE_CANNOT_READ_RELEASED,
        /** A consumer on the released version cannot read records written with the candidate. */
        RELEASED_CANNOT_READ_CANDIDATE
    }

    /** One failed check, with Avro's own explanation of the first incompatibility it found. */
    public record Violation(String record, int releasedVersion, Direction direction, String explanation) {
        @Override
        public String toString() {
            return record + " v" + releasedVersion + ": " + direction + ": " + explanation;
        }
    }

    private CompatibilityGate() {}

    /** Every FULL-compatibility violation of {@code candidate} against {@code released} (v1 first). */
    public static List<Violation> check(Schema candidate, List<Schema> released) {
        var violations = new ArrayList<Violation>();
        for (int i = 0; i < released.size(); i++) {
            Schema old = released.get(i);
            int version = i + 1;
            incompatibility(candidate, old)
                    .ifPresent(why -> violations.add(new Violation(
                            candidate.getFullName(), version, Direction.CANDIDATE_CANNOT_READ_RELEASED, why)));
            incompatibility(old, candidate)
                    .ifPresent(why -> violations.add(new Violation(
                            candidate.getFullName(), version, Direction.RELEASED_CANNOT_READ_CANDIDATE, why)));
        }
        return violations;
    }

    private static Optional<String> incompatibility(Schema reader, Schema writer) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return Optional.empty();
        }
        return Optional.of(result.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                .reduce((a, b) -> a + "; " + b)
                .orElse(result.getDescription()));
    }
}
