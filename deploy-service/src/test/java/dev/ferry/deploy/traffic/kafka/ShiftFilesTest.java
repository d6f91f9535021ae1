package dev.ferry.deploy.traffic.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.PriorResults;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceSpec;
import dev.ferry.deploy.traffic.Evaluation;
import dev.ferry.deploy.traffic.ShiftProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running shifts saved and read back as a restarted deploy-service finds them. */
class ShiftFilesTest {

    @TempDir
    Path directory;

    private final PhaseStarted phase = PhaseStarted.newBuilder()
            .setMetadata(MetadataFactory.forProducer("planner-service", Clock.systemUTC())
                    .first("mig-1"))
            .setPlanName("chat-auth-gradual")
            .setPhase("auth-cutover")
            .setAction(PhaseAction.SHIFT_TRAFFIC)
            .setEnvironment("production")
            .setSettings(Map.of("route", "auth", "steps.1", "10% for 48h", "steps.2", "100%"))
            .setServices(List.of(ServiceWork.newBuilder()
                    .setService("auth-service")
                    .setSource(new SourceSpec("", "", "auth-service", null))
                    .setPrior(PriorResults.newBuilder().build())
                    .build()))
            .build();

    @Test
    void readsBackThePhaseTheStepThePausesEndTheCommitsAndEveryEvaluation() {
        var files = new ShiftFiles(directory);
        var progress = new ShiftProgress(
                1,
                Optional.of(Instant.parse("2026-12-07T06:00:00Z")),
                List.of("10%=abc", "25%=def"),
                List.of(
                        new Evaluation(
                                Instant.parse("2026-12-05T06:00:00Z"),
                                10,
                                "errorRatio",
                                List.of(0.002),
                                Evaluation.Verdict.PASS,
                                ""),
                        new Evaluation(
                                Instant.parse("2026-12-05T06:01:00Z"),
                                25,
                                "errorRatio",
                                List.of(Double.NaN, 0.5),
                                Evaluation.Verdict.FAIL,
                                "condition < 0.01")));

        files.save(phase, "auth-service", "step-1", Optional.of(progress));
        files.save(phase, "auth-service", "step-2", Optional.empty());
        List<ShiftFiles.Saved> saved = files.load(new ArrayList<>());

        assertThat(saved).hasSize(2);
        assertThat(saved).allSatisfy(s -> {
            assertThat(s.phase()).isEqualTo(phase);
            assertThat(s.service()).isEqualTo("auth-service");
        });
        assertThat(saved).extracting(ShiftFiles.Saved::progress).containsOnlyOnce(Optional.empty());
        ShiftProgress read =
                saved.stream().flatMap(s -> s.progress().stream()).findFirst().orElseThrow();
        assertThat(read.step()).isEqualTo(1);
        assertThat(read.holdUntil()).isEqualTo(progress.holdUntil());
        assertThat(read.commits()).isEqualTo(progress.commits());
        assertThat(read.stop()).isEqualTo(progress.stop());
        assertThat(read.evaluations())
                .extracting(Evaluation::line)
                .isEqualTo(progress.evaluations().stream().map(Evaluation::line).toList());
    }

    @Test
    void aFinishedShiftIsForgottenAndAnUnreadableFileIsSetAsideAndReported() throws Exception {
        var files = new ShiftFiles(directory);
        files.save(phase, "auth-service", "done", Optional.empty());
        files.delete("done");
        Files.writeString(directory.resolve("broken.json"), "{not json");
        var unreadable = new ArrayList<String>();

        assertThat(files.load(unreadable)).isEmpty();
        assertThat(unreadable).singleElement().asString().contains("broken.json");
        assertThat(directory.resolve("broken.json.unreadable")).exists();
        assertThat(files.has("done")).isFalse();
    }
}
