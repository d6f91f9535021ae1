package dev.ferry.planner.domain.run;

import static dev.ferry.planner.domain.run.RunDriver.only;
import static dev.ferry.planner.domain.run.RunDriver.starts;
import static dev.ferry.planner.domain.run.TestPlans.phase;
import static dev.ferry.planner.domain.run.TestPlans.plan;
import static dev.ferry.planner.domain.run.TestPlans.rollingBackOnFailure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.action.Actions;
import dev.ferry.plan.action.RestoreDatabase;
import dev.ferry.plan.action.RollbackData;
import dev.ferry.planner.domain.run.RunEffect.CommandRefused;
import dev.ferry.planner.domain.run.RunInput.Rollback;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rolling back a service whose {@code migrate-data} phase ran also undoes the migration ({@code rollback-data}), once
 * the service runs its earlier version again, and a phase failing with {@code onFailure: rollback} has the dump of the
 * backup-database phase it depends on restored: a plan need not write these rollbacks as phases of their own.
 */
class DataRollbackTest {

    private static final String SERVICE = "auth-service";

    private static MigrationPlan copyThenDeploy() {
        return plan(
                List.of(SERVICE),
                phase("copy-users", Actions.MIGRATE_DATA, null),
                phase("deploy-dev", Actions.DEPLOY, "dev", "copy-users"));
    }

    @Test
    void undoesTheMigrationOnceTheEarlierTagRunsAgainAndOnlyOnce() {
        var driver = new RunDriver(copyThenDeploy());
        driver.succeed("copy-users", SERVICE);
        driver.succeed("deploy-dev", SERVICE);

        List<RunEffect> rollback = driver.handle(new Rollback(SERVICE, "dev", "auth-1", "olga (cli)"));
        assertThat(starts(rollback))
                .as("the tag first: the service must stop reading the new tables before they go")
                .singleElement()
                .satisfies(start -> assertThat(start.action()).isEqualTo(Actions.ROLLBACK));

        List<RunEffect> tagBack = driver.rolledBack("rollback-dev", SERVICE, "dev", "auth-1");
        assertThat(starts(tagBack)).singleElement().satisfies(undo -> {
            assertThat(undo.phase()).isEqualTo("undo-copy-users");
            assertThat(undo.action()).isEqualTo(Actions.ROLLBACK_DATA);
            assertThat(undo.environment()).isEqualTo("dev");
            assertThat(undo.settings())
                    .containsExactlyEntriesOf(java.util.Map.of(RollbackData.MIGRATION, "copy-users"));
            assertThat(undo.services())
                    .extracting(RunEffect.ServiceStart::service)
                    .containsExactly(SERVICE);
        });

        driver.succeed("undo-copy-users", SERVICE);
        assertThat(driver.run().step("undo-copy-users", SERVICE).orElseThrow().state())
                .isEqualTo(StepState.SUCCEEDED);
        driver.handle(new Rollback(SERVICE, "dev", "auth-0", "olga (cli)"));
        assertThat(starts(driver.rolledBack("rollback-dev", SERVICE, "dev", "auth-0")))
                .as("a migration undone is not undone again")
                .isEmpty();
    }

    @Test
    void undoesTheMigrationAtOnceWhenThereIsNoEarlierTagToDeploy() {
        var driver = new RunDriver(copyThenDeploy());
        driver.succeed("copy-users", SERVICE);

        List<RunEffect> effects = driver.handle(new Rollback(SERVICE, "dev", null, "olga (cli)"));

        assertThat(only(effects, CommandRefused.class)).isEmpty();
        assertThat(starts(effects)).singleElement().satisfies(undo -> {
            assertThat(undo.phase()).isEqualTo("undo-copy-users");
            assertThat(undo.action()).isEqualTo(Actions.ROLLBACK_DATA);
        });
        assertThat(starts(driver.handle(new Rollback(SERVICE, "dev", null, "olga (cli)"))))
                .as("an undo still running is not started twice")
                .isEmpty();
    }

    @Test
    void refusesWhenNeitherATagNorAMigrationCanBeRolledBack() {
        var driver = new RunDriver(plan(
                List.of(SERVICE),
                phase("deploy-dev", Actions.DEPLOY, "dev"),
                phase("copy-users", Actions.MIGRATE_DATA, null, "deploy-dev")));

        List<RunEffect> effects = driver.handle(new Rollback(SERVICE, "dev", null, "olga (cli)"));

        assertThat(only(effects, CommandRefused.class))
                .singleElement()
                .satisfies(refused -> assertThat(refused.reason()).contains("no migrate-data phase to undo"));
        assertThat(starts(effects)).isEmpty();
    }

    @Test
    void aPhaseThatFailsWithOnFailureRollbackHasTheLatestDumpItDependsOnRestored() {
        var driver = new RunDriver(plan(
                List.of(SERVICE),
                phase("backup-old", Actions.BACKUP_DATABASE, null),
                phase("backup-monolith", Actions.BACKUP_DATABASE, null, "backup-old"),
                rollingBackOnFailure(phase("copy-users", Actions.MIGRATE_DATA, null, "backup-monolith")),
                phase("deploy-dev", Actions.DEPLOY, "dev", "copy-users")));
        driver.succeed("backup-old", SERVICE);
        driver.succeed("backup-monolith", SERVICE);

        List<RunEffect> failed = driver.fail("copy-users", SERVICE, false);

        assertThat(starts(failed)).singleElement().satisfies(restore -> {
            assertThat(restore.phase()).isEqualTo("undo-backup-monolith");
            assertThat(restore.action()).isEqualTo(Actions.RESTORE_DATABASE);
            assertThat(restore.settings())
                    .containsExactlyEntriesOf(java.util.Map.of(RestoreDatabase.BACKUP, "backup-monolith"));
        });
        assertThat(driver.run().step("deploy-dev", SERVICE).orElseThrow().state())
                .as("the run goes on as with continue: the service's later steps are skipped")
                .isEqualTo(StepState.SKIPPED);
        driver.succeed("undo-backup-monolith", SERVICE);
        assertThat(driver.run()
                        .step("undo-backup-monolith", SERVICE)
                        .orElseThrow()
                        .state())
                .isEqualTo(StepState.SUCCEEDED);
    }

    @Test
    void aPhaseThatFailsWithOnFailureStopRestoresNothing() {
        var driver = new RunDriver(plan(
                List.of(SERVICE),
                phase("backup-monolith", Actions.BACKUP_DATABASE, null),
                phase("copy-users", Actions.MIGRATE_DATA, null, "backup-monolith")));
        driver.succeed("backup-monolith", SERVICE);

        assertThat(starts(driver.fail("copy-users", SERVICE, false))).isEmpty();
    }
}
