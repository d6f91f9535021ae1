package dev.ferry.contracts.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.EvolutionSchemas;
import dev.ferry.contracts.Topic;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.compat.CompatibilityGate.Direction;
import dev.ferry.contracts.compat.CompatibilityGate.Violation;
import dev.ferry.contracts.serde.SchemaCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;
import org.junit.jupiter.api.Test;

/**
 * The build's compatibility gate: every schema Ferry writes must be released (kept in contracts/schema-history) and
 * FULL-compatible with every version released before it. This test is what fails the build on a breaking change.
 */
class CompatibilityGateTest {

    @Test
    void everyContractIsFullyCompatibleWithEveryReleasedVersion() {
        for (Topic<?> topic : Topics.all()) {
            Schema current = topic.schema();
            List<Schema> released = SchemaCatalog.releasedVersions(current.getName());
            assertThat(CompatibilityGate.check(current, released))
                    .as("%s on %s breaks FULL compatibility with a released version", current.getName(), topic.name())
                    .isEmpty();
        }
    }

    @Test
    void everyContractSchemaIsReleased() throws IOException {
        for (Topic<?> topic : Topics.all()) {
            Schema current = topic.schema();
            List<Schema> released = SchemaCatalog.releasedVersions(current.getName());
            boolean isReleased =
                    released.stream().anyMatch(v -> SchemaCatalog.fingerprint(v) == SchemaCatalog.fingerprint(current));
            if (!isReleased) {
                Path candidate =
                        SchemaRelease.nextVersionFile(Path.of("target/schema-candidates"), current, released.size());
                Files.createDirectories(candidate.getParent());
                Files.writeString(candidate, SchemaFormatter.format("json/pretty", current));
            }
            assertThat(isReleased)
                    .as(
                            "schema %s changed but is not released: copy target/schema-candidates/%s/v%d.avsc to"
                                    + " contracts/schema-history/ (or run dev.ferry.contracts.compat.SchemaRelease)",
                            current.getName(), current.getName(), released.size() + 1)
                    .isTrue();
        }
    }

    @Test
    void acceptsAnOptionalFieldWithADefault() {
        Schema v2 = EvolutionSchemas.load("RepoSplit-v2-adds-optional-field.avsc");

        assertThat(CompatibilityGate.check(v2, List.of(Topics.REPO_SPLIT.schema())))
                .isEmpty();
    }

    @Test
    void rejectsARequiredFieldWithoutDefaultBecauseNewConsumersCannotReadOldRecords() {
        Schema v2 = EvolutionSchemas.load("RepoSplit-v2-adds-required-field.avsc");

        List<Violation> violations = CompatibilityGate.check(v2, List.of(Topics.REPO_SPLIT.schema()));

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.direction()).isEqualTo(Direction.CANDIDATE_CANNOT_READ_RELEASED);
            assertThat(v.releasedVersion()).isEqualTo(1);
            assertThat(v.explanation()).contains("READER_FIELD_MISSING_DEFAULT").contains("signedBy");
        });
    }

    @Test
    void rejectsRemovingAFieldWithoutDefaultBecauseOldConsumersCannotReadNewRecords() {
        Schema v2 = EvolutionSchemas.load("RepoSplit-v2-removes-field-without-default.avsc");

        List<Violation> violations = CompatibilityGate.check(v2, List.of(Topics.REPO_SPLIT.schema()));

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.direction()).isEqualTo(Direction.RELEASED_CANNOT_READ_CANDIDATE);
            assertThat(v.explanation()).contains("commitsWalked");
        });
    }

    @Test
    void checksEveryReleasedVersionNotOnlyTheLatest() {
        Schema v1 = Topics.REPO_SPLIT.schema();
        Schema v2 = EvolutionSchemas.load("RepoSplit-v2-adds-optional-field.avsc");
        Schema v3 = EvolutionSchemas.load("RepoSplit-v2-adds-required-field.avsc");

        assertThat(CompatibilityGate.check(v3, List.of(v1, v2)))
                .extracting(Violation::releasedVersion)
                .containsExactly(1, 2);
    }
}
