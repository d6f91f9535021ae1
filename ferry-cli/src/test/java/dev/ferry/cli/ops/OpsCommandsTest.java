package dev.ferry.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.cli.CliRun;
import dev.ferry.contracts.avro.AbortMigration;
import dev.ferry.contracts.avro.Actor;
import dev.ferry.contracts.avro.ApprovePhase;
import dev.ferry.contracts.avro.MigrationCommand;
import dev.ferry.contracts.avro.PauseMigration;
import dev.ferry.contracts.avro.ResumeMigration;
import dev.ferry.contracts.avro.RetryFailedSteps;
import dev.ferry.contracts.avro.RollbackService;
import dev.ferry.contracts.avro.StartMigration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** Each ops subcommand's arguments become the right MigrationCommand, and bad arguments a usage error. */
class OpsCommandsTest {

    private static final String ID = "9b2f6c1e-0d3a-4c51-8f7e-2b9d4e6a1c00";
    private static final String PLAN = """
            apiVersion: ferry.dev/v1
            kind: MigrationPlan
            metadata:
              name: fitsync-multi-repo
            source:
              repository: https://github.com/FitSync-G13/fitsync.git
            """;

    @TempDir
    Path temp;

    private final RecordingCommandBus bus = new RecordingCommandBus();

    private CliRun ferry(String... args) {
        return new CliRun().commandBus(bus::open).run(args);
    }

    @Test
    void applyPublishesAStartWithTheWholePlanUnderANewMigrationIdAndPrintsTheId() throws IOException {
        Path plan = Files.writeString(temp.resolve("fitsync.yaml"), PLAN);

        CliRun run = ferry(
                "apply", plan.toString(), "--param", "sourceCommit=4f1c2ab", "--param", "wave=1", "--reason", "go");

        assertThat(run.exitCode()).isZero();
        MigrationCommand command = bus.only();
        String id = command.getMetadata().getMigrationId();
        assertThat(UUID.fromString(id)).hasToString(id);
        assertThat(run.out()).isEqualTo(id + System.lineSeparator());
        assertThat(run.err()).contains("started plan fitsync-multi-repo as migration " + id, "ferry status " + id);
        var start = (StartMigration) command.getCommand();
        assertThat(start.getPlanDocument()).isEqualTo(PLAN);
        assertThat(start.getPlanName()).isEqualTo("fitsync-multi-repo");
        assertThat(start.getParameters())
                .containsExactlyInAnyOrderEntriesOf(Map.of("sourceCommit", "4f1c2ab", "wave", "1"));
        assertThat(command.getReason()).isEqualTo("go");
        assertIssuedFromTheCli(command);
    }

    @Test
    void asJsonOrYamlACommandIsTheRunItWasForItsIdAndThePlannersRejection() throws IOException {
        Path plan = Files.writeString(temp.resolve("plan.yaml"), PLAN);

        CliRun apply = ferry("apply", plan.toString(), "-o", "json");
        bus.rejection = new CommandBus.Rejection("ApprovePhase", "deploy-prod is not waiting for approval", "RUNNING");
        CliRun approve = ferry("approve", ID, "--phase", "deploy-prod", "--output", "yaml");

        assertThat(apply.exitCode()).isZero();
        var started = new ObjectMapper().readTree(apply.out());
        assertThat(started.path("command").asText()).isEqualTo("apply");
        assertThat(started.path("migrationId").asText())
                .isEqualTo(bus.published.get(0).getMetadata().getMigrationId());
        assertThat(started.path("commandId").asText())
                .isEqualTo(bus.published.get(0).getMetadata().getEventId().toString());
        assertThat(started.path("rejection").isNull()).isTrue();
        assertThat(apply.err()).isEmpty();
        assertThat(approve.exitCode()).isEqualTo(1);
        Map<String, Object> refused = new Yaml().load(approve.out());
        assertThat(refused).containsEntry("command", "approve").containsEntry("migrationId", ID);
        assertThat(refused.get("rejection"))
                .isEqualTo(Map.of(
                        "commandType",
                        "ApprovePhase",
                        "reason",
                        "deploy-prod is not waiting for approval",
                        "migrationState",
                        "RUNNING"));
        assertThat(approve.err()).contains("the planner rejected ApprovePhase");
    }

    @Test
    void eachApplyStartsADifferentRun() throws IOException {
        Path plan = Files.writeString(temp.resolve("plan.yaml"), PLAN);

        ferry("apply", plan.toString());
        ferry("apply", plan.toString());

        assertThat(bus.published)
                .extracting(c -> c.getMetadata().getMigrationId())
                .doesNotHaveDuplicates()
                .hasSize(2);
    }

    @Test
    void approveNamesThePhaseAndOptionallyTheEnvironment() {
        ferry("approve", ID, "--phase", "deploy-prod", "--environment", "prod", "--reason", "CAB approved");
        ferry("approve", ID, "--phase", "split");

        var withEnvironment = (ApprovePhase) bus.published.get(0).getCommand();
        var without = (ApprovePhase) bus.published.get(1).getCommand();
        assertThat(withEnvironment.getPhase()).isEqualTo("deploy-prod");
        assertThat(withEnvironment.getEnvironment()).isEqualTo("prod");
        assertThat(bus.published.get(0).getReason()).isEqualTo("CAB approved");
        assertThat(without.getEnvironment()).isNull();
        assertThat(bus.published.get(1).getReason()).isNull();
        bus.published.forEach(command -> {
            assertThat(command.getMetadata().getMigrationId()).isEqualTo(ID);
            assertIssuedFromTheCli(command);
        });
    }

    @Test
    void pauseResumeAndAbortCarryOnlyTheRun() {
        assertThat(ferry("pause", ID).out()).contains("asked to pause migration " + ID);
        ferry("resume", ID);
        ferry("abort", ID, "--reason", "wrong plan");

        assertThat(bus.published)
                .extracting(MigrationCommand::getCommand)
                .hasExactlyElementsOfTypes(PauseMigration.class, ResumeMigration.class, AbortMigration.class);
        assertThat(bus.published)
                .allSatisfy(c -> assertThat(c.getMetadata().getMigrationId()).isEqualTo(ID));
        assertThat(bus.published.get(2).getReason()).isEqualTo("wrong plan");
    }

    @Test
    void retryTakesAnOptionalPhaseAndServicesRepeatedOrCommaSeparated() {
        ferry("retry", ID);
        ferry("retry", ID, "--phase", "build", "--service", "user-service,frontend", "--service", "api-gateway");

        var all = (RetryFailedSteps) bus.published.get(0).getCommand();
        var some = (RetryFailedSteps) bus.published.get(1).getCommand();
        assertThat(all.getPhase()).isNull();
        assertThat(all.getServices()).isEmpty();
        assertThat(some.getPhase()).isEqualTo("build");
        assertThat(some.getServices()).containsExactly("user-service", "frontend", "api-gateway");
    }

    @Test
    void rollbackNeedsServiceAndEnvironmentAndMayNameATag() {
        ferry("rollback", ID, "--service", "user-service", "--environment", "prod", "--to-tag", "user-service-4f1c2ab");
        ferry("rollback", ID, "--service", "frontend", "--environment", "staging");

        var toTag = (RollbackService) bus.published.get(0).getCommand();
        var previous = (RollbackService) bus.published.get(1).getCommand();
        assertThat(toTag.getService()).isEqualTo("user-service");
        assertThat(toTag.getEnvironment()).isEqualTo("prod");
        assertThat(toTag.getToTag()).isEqualTo("user-service-4f1c2ab");
        assertThat(previous.getToTag()).isNull();
    }

    @Test
    void aRejectionIsPrintedWithItsReasonAndExitsOne() {
        bus.rejection = new CommandBus.Rejection("ResumeMigration", "the run was aborted and never resumes", "ABORTED");

        CliRun run = ferry("resume", ID);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("rejected ResumeMigration for migration " + ID)
                .contains("the run was aborted and never resumes")
                .contains("run state ABORTED");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void bootstrapServersComeFromTheOptionElseTheEnvironmentElseLocalhost() {
        ferry("pause", ID, "--bootstrap-servers", "kafka-1:9092,kafka-2:9092");
        new CliRun()
                .variable("KAFKA_BOOTSTRAP_SERVERS", "broker:29092")
                .commandBus(bus::open)
                .run("pause", ID);
        ferry("pause", ID);

        assertThat(bus.bootstrapServers).containsExactly("kafka-1:9092,kafka-2:9092", "broker:29092", "localhost:9092");
        assertThat(bus.closed).isTrue();
    }

    @Test
    void theWaitForARejectionIsConfigurable() {
        ferry("pause", ID);
        assertThat(bus.waited).isEqualTo(Duration.ofSeconds(5));

        ferry("pause", ID, "--wait", "250ms");
        assertThat(bus.waited).isEqualTo(Duration.ofMillis(250));

        CliRun noWait = ferry("pause", ID, "--wait", "0");
        assertThat(bus.waited).isZero();
        assertThat(noWait.out()).contains("not waiting for the planner's answer");
    }

    @Test
    void usageErrorsExitTwoAndPublishNothing() {
        List<List<String>> wrong = List.of(
                List.of("approve", ID),
                List.of("approve", "  ", "--phase", "build"),
                List.of("rollback", ID, "--service", "user-service"),
                List.of("pause"),
                List.of("pause", ID, "--wait", "soon"),
                List.of("retry", ID, "--service", ""),
                List.of("launch", ID),
                List.of());
        for (List<String> args : wrong) {
            CliRun run = ferry(args.toArray(String[]::new));
            assertThat(run.exitCode()).as("ferry %s", args).isEqualTo(2);
            assertThat(run.err()).as("ferry %s", args).isNotBlank();
        }
        assertThat(bus.published).isEmpty();
    }

    @Test
    void aMissingRequiredOptionIsNamed() {
        assertThat(ferry("approve", ID).err()).contains("--phase");
        assertThat(ferry("pause", ID, "--wait", "soon").err()).contains("'soon' is not a duration");
    }

    @Test
    void aPlanThatCannotBeReadIsReportedWithItsPathAndNothingIsPublished() throws IOException {
        Path missing = temp.resolve("missing.yaml");
        Path broken = Files.writeString(temp.resolve("broken.yaml"), "metadata:\n  name: [unclosed\n");
        Path nameless =
                Files.writeString(temp.resolve("nameless.yaml"), "apiVersion: ferry.dev/v1\nkind: MigrationPlan\n");

        CliRun notThere = ferry("apply", missing.toString());
        CliRun notYaml = ferry("apply", broken.toString());
        CliRun noName = ferry("apply", nameless.toString());

        assertThat(notThere.exitCode()).isEqualTo(1);
        assertThat(notThere.err()).contains("cannot read plan " + missing + ": no such file");
        assertThat(notYaml.exitCode()).isEqualTo(1);
        assertThat(notYaml.err()).contains(broken + ":3:1: not valid YAML");
        assertThat(noName.exitCode()).isEqualTo(1);
        assertThat(noName.err()).contains(nameless + ": the plan has no name; set metadata.name");
        assertThat(bus.published).isEmpty();
    }

    private static void assertIssuedFromTheCli(MigrationCommand command) {
        assertThat(command.getIssuedBy()).isEqualTo(new Actor("alice", "cli"));
        assertThat(command.getMetadata().getProducer()).isEqualTo("ferry-cli");
        assertThat(command.getMetadata().getCausationId()).isNull();
        assertThat(command.getMetadata().getOccurredAt()).isEqualTo(CliRun.NOW);
        assertThat(command.getMetadata().getTraceparent()).startsWith("00-");
        assertThat(command.getMetadata().getEventId()).isNotNull();
    }
}
