package dev.ferry.build.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.build.domain.CiWait;
import dev.ferry.build.testing.BuildPhases;
import dev.ferry.build.testing.GithubCi;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaitFilesTest {

    private static final String SHA = "8dfc6292a37757a2c6751de04fbd97a6fe52e7ad";
    private static final Instant STARTED = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path directory;

    @Test
    void aSavedWaitIsReadBackWholeByAnotherInstance() {
        CiWait<GithubActionsBuilds.Step> saved = wait("user-service", "migration-1");
        new WaitFiles(directory).save(saved);

        WaitFiles.Reloaded reloaded = new WaitFiles(directory).load();

        assertThat(reloaded.unreadable()).isEmpty();
        assertThat(reloaded.waits()).containsExactly(saved);
        assertThat(reloaded.waits().getFirst().step().request().commit()).isEqualTo(SHA);
    }

    @Test
    void savingTheSameStepAgainKeepsOneWait() {
        var files = new WaitFiles(directory);
        CiWait<GithubActionsBuilds.Step> first = wait("user-service", "migration-1");
        files.save(first);
        var later = new CiWait<>(
                first.repository(),
                first.commit(),
                first.workflow(),
                first.deadline().plusSeconds(60),
                first.step());
        files.save(later);

        assertThat(files.load().waits()).containsExactly(later);
    }

    @Test
    void anAnsweredWaitIsGoneAfterARestart() {
        var files = new WaitFiles(directory);
        CiWait<GithubActionsBuilds.Step> answered = wait("user-service", "migration-1");
        CiWait<GithubActionsBuilds.Step> open = wait("training-service", "migration-1");
        files.save(answered);
        files.save(open);

        files.delete(answered);
        files.delete(answered);

        assertThat(new WaitFiles(directory).load().waits()).containsExactly(open);
    }

    @Test
    void aCorruptFileIsReportedAndSetAsideWhileTheOthersLoad() throws IOException {
        CiWait<GithubActionsBuilds.Step> good = saved("user-service");
        Path torn = written("schedule-service-0000.json", "{\"format\":1,\"service\":\"schedule-ser");
        Path wrongPhase = written(
                "training-service-0000.json",
                Files.readString(onlyFile("user-service"))
                        .replaceFirst("\"phaseStarted\":\"[^\"]*\"", "\"phaseStarted\":\"bm90IGF2cm8=\""));
        var files = new WaitFiles(directory);

        WaitFiles.Reloaded reloaded = files.load();

        assertThat(reloaded.waits()).containsExactly(good);
        assertThat(reloaded.unreadable())
                .extracting(WaitFiles.Unreadable::file)
                .containsExactlyInAnyOrder(torn, wrongPhase);
        assertThat(reloaded.unreadable()).allSatisfy(bad -> {
            assertThat(bad.reason()).isNotBlank();
            assertThat(bad.movedTo()).exists().hasFileName(bad.file().getFileName() + ".unreadable");
        });
        assertThat(files.load().unreadable()).as("reported once").isEmpty();
        assertThat(files.load().waits()).containsExactly(good);
    }

    @Test
    void aSaveCutShortLeavesNoWaitAndIsCleanedUp() throws IOException {
        CiWait<GithubActionsBuilds.Step> saved = saved("user-service");
        Path partial = written("training-service-0000.json.partial", "{\"format\":1,");

        assertThat(new WaitFiles(directory).load().waits()).containsExactly(saved);
        assertThat(partial).doesNotExist();
    }

    @Test
    void noDirectoryYetIsNoWaits() {
        WaitFiles.Reloaded reloaded = new WaitFiles(directory.resolve("never-written")).load();

        assertThat(reloaded.waits()).isEmpty();
        assertThat(reloaded.unreadable()).isEmpty();
    }

    private CiWait<GithubActionsBuilds.Step> saved(String service) {
        CiWait<GithubActionsBuilds.Step> wait = wait(service, "migration-1");
        new WaitFiles(directory).save(wait);
        return wait;
    }

    private Path written(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }

    private Path onlyFile(String service) throws IOException {
        try (var listed = Files.list(directory)) {
            return listed.filter(f -> f.getFileName().toString().startsWith(service))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static CiWait<GithubActionsBuilds.Step> wait(String service, String migration) {
        ServiceWork work =
                GithubCi.work(service, SHA, "localhost:5000", "fitsync").build();
        PhaseStarted phase =
                BuildPhases.of(migration, work).setTimeoutSeconds(1800L).build();
        var step = new GithubActionsBuilds.Step(phase, work, ServiceWorkMapping.request(phase, work), STARTED);
        return new CiWait<>("fitsync/" + service, SHA, "build-push.yml", STARTED.plusSeconds(1800), step);
    }
}
