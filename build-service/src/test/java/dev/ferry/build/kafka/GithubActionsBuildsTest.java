package dev.ferry.build.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.build.domain.CiImageLookup;
import dev.ferry.build.domain.CiWaits;
import dev.ferry.build.domain.Registries;
import dev.ferry.build.domain.WorkflowRun;
import dev.ferry.build.testing.BuildPhases;
import dev.ferry.build.testing.GithubCi;
import dev.ferry.build.testing.InMemoryRegistry;
import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.StepFailed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The github-actions builder across a restart: two instances on one state directory, the second reloading. */
class GithubActionsBuildsTest {

    private static final Instant STARTED = Instant.parse("2026-01-01T10:00:00Z");
    private static final String SHA = "8dfc6292a37757a2c6751de04fbd97a6fe52e7ad";
    private static final String DIGEST = "sha256:" + "c".repeat(64);

    @TempDir
    Path directory;

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final List<SpecificRecord> published = new ArrayList<>();
    private final ServiceWork work =
            GithubCi.work("user-service", SHA, "localhost:5000", "fitsync").build();
    private final PhaseStarted phase =
            BuildPhases.of("migration-1", work).setTimeoutSeconds(600L).build();

    @Test
    void aReloadedWaitIsAnsweredOnceByItsRunAndARedeliveredPhaseDoesNotWaitAgain() throws IOException {
        startWaiting();
        GithubActionsBuilds restarted = restartedAt(STARTED.plusSeconds(60));
        restarted.resume();
        restarted.start(phase, work, ServiceWorkMapping.request(phase, work));
        assertThat(published).isEmpty();

        registry.tags.put("user-service-" + SHA, DIGEST);
        restarted.runFinished(
                new WorkflowRun("fitsync/user-service", SHA, ".github/workflows/build-push.yml", "success", "u"));
        restarted.runFinished(
                new WorkflowRun("fitsync/user-service", SHA, ".github/workflows/build-push.yml", "success", "u"));

        assertThat(published).singleElement().isInstanceOfSatisfying(ImagePushed.class, pushed -> {
            assertThat(pushed.getDigest()).isEqualTo(DIGEST);
            assertThat(pushed.getDurationMillis()).isEqualTo(60_000);
        });
        assertThat(savedWaits()).isEmpty();
    }

    @Test
    void aReloadedWaitWhoseImageWasPushedWhileDownIsAnsweredFromTheRegistry() throws IOException {
        startWaiting();
        registry.tags.put("user-service-" + SHA, DIGEST);

        restartedAt(STARTED.plusSeconds(60)).resume();

        assertThat(published).singleElement().isInstanceOfSatisfying(ImagePushed.class, pushed -> assertThat(
                        pushed.getDigest())
                .isEqualTo(DIGEST));
        assertThat(savedWaits()).isEmpty();
    }

    @Test
    void aReloadedWaitPastThePlansTimeoutFailsAsTimeoutRetryable() throws IOException {
        startWaiting();
        GithubActionsBuilds restarted = restartedAt(STARTED.plusSeconds(601));

        restarted.resume();
        restarted.expire();

        assertThat(published).singleElement().isInstanceOfSatisfying(StepFailed.class, failed -> {
            assertThat(failed.getErrorKind()).isEqualTo(ErrorKind.TIMEOUT);
            assertThat(failed.getRetryable()).isTrue();
            assertThat(failed.getReason())
                    .contains("fitsync/user-service")
                    .contains(SHA)
                    .contains("build-push.yml")
                    .contains(STARTED.plusSeconds(600).toString());
        });
        assertThat(savedWaits()).isEmpty();
    }

    private void startWaiting() throws IOException {
        builds(STARTED).start(phase, work, ServiceWorkMapping.request(phase, work));
        assertThat(savedWaits()).hasSize(1);
    }

    private GithubActionsBuilds restartedAt(Instant now) {
        GithubActionsBuilds restarted = builds(now);
        restarted.reload();
        return restarted;
    }

    private GithubActionsBuilds builds(Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new GithubActionsBuilds(
                new CiWaits<>(Duration.ofHours(1)),
                new WaitFiles(directory),
                new CiImageLookup(new Registries(List.of(registry))),
                new BuildEvents(MetadataFactory.forProducer("build-service", clock)),
                published::add,
                Duration.ofMinutes(30),
                Set.of("github.com"),
                clock);
    }

    private List<Path> savedWaits() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
