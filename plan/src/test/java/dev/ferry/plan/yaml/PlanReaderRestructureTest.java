package dev.ferry.plan.yaml;

import static dev.ferry.plan.yaml.Plans.problems;
import static dev.ferry.plan.yaml.Plans.validWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ferry.plan.DryRun;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.action.Actions;
import dev.ferry.plan.action.Restore;
import dev.ferry.plan.action.Restructure;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A restructure phase: its rules as settings, and rules refused where they are written. */
class PlanReaderRestructureTest {

    static final String FIELDS = """
                  moves: {app: backend/app, alembic.ini: backend/alembic.ini}
                  delete: [scripts/old_seed.sh]
                  rewrite: {'^from app\\.': 'from backend.app.'}
                  rewriteFiles: ['**/*.py']
                  backupTag: before-backend
            """;

    /** {@link Plans#VALID} with a restructure phase before the split (phases[0]). */
    static String withRestructure(String fields) {
        return validWith(
                "    - name: split\n      action: split\n",
                "    - name: restructure\n      action: restructure\n" + fields
                        + "    - name: split\n      action: split\n      dependsOn: [restructure]\n");
    }

    @Test
    void readsTheRulesIntoNamedSettings() {
        MigrationPlan plan = PlanReader.read("plan.yaml", withRestructure(FIELDS));

        var settings = plan.phase("restructure").orElseThrow().settings();
        assertThat(plan.phase("restructure").orElseThrow().action()).isEqualTo(Actions.RESTRUCTURE);
        assertThat(Restructure.moves(settings))
                .containsExactly(entry("alembic.ini", "backend/alembic.ini"), entry("app", "backend/app"));
        assertThat(Restructure.deletions(settings)).containsExactly("scripts/old_seed.sh");
        assertThat(Restructure.rewrites(settings)).containsExactly(entry("^from app\\.", "from backend.app."));
        assertThat(Restructure.rewriteFiles(settings)).containsExactly("**/*.py");
        assertThat(Restructure.backupTag(settings, "shop", LocalDate.of(2026, 12, 5)))
                .isEqualTo("before-backend");
        assertThat(Restructure.backupTag(java.util.Map.of(), "shop", LocalDate.of(2026, 12, 5)))
                .isEqualTo("backup-before-shop-20261205");
        assertThat(DryRun.describe(plan))
                .contains("restructure https://github.com/acme/shop.git on main in one commit, after tag"
                        + " before-backend: move alembic.ini -> backend/alembic.ini; move app -> backend/app; delete"
                        + " scripts/old_seed.sh; 1 rewrite rule(s) in **/*.py");
    }

    @Test
    void readsARestructureByPullRequest() {
        MigrationPlan plan = PlanReader.read("plan.yaml", withRestructure(FIELDS + "      pullRequest: true\n"));

        assertThat(Restructure.opensPullRequest(
                        plan.phase("restructure").orElseThrow().settings()))
                .isTrue();
        assertThat(DryRun.describe(plan))
                .contains("restructure https://github.com/acme/shop.git in one commit on ferry/shop-restructure with a"
                        + " pull request into main, after tag before-backend");
    }

    @Test
    void readsADryRunThatPushesNothing() {
        MigrationPlan plan = PlanReader.read("plan.yaml", withRestructure(FIELDS + "      dryRun: true\n"));

        assertThat(Restructure.dryRun(plan.phase("restructure").orElseThrow().settings()))
                .isTrue();
        assertThat(DryRun.describe(plan))
                .contains("dry run (nothing pushed): restructure https://github.com/acme/shop.git on main in one"
                        + " commit, after tag before-backend");
    }

    @Test
    void readsARestoreByRevertAndRefusesAnUnknownMode() {
        MigrationPlan plan = PlanReader.read(
                "plan.yaml",
                withRestructure(FIELDS
                        + "    - name: rollback\n      action: restore\n      dependsOn: [restructure]\n"
                        + "      backupTag: before-backend\n      mode: revert\n"));

        var settings = plan.phase("rollback").orElseThrow().settings();
        assertThat(Restore.reverts(settings)).isTrue();
        assertThat(Restore.reverts(java.util.Map.of())).isFalse();
        assertThat(DryRun.describe(plan))
                .contains("revert main of https://github.com/acme/shop.git to the tree of tag before-backend in one"
                        + " new commit, unless people pushed after Ferry");
        assertThat(problems(withRestructure(FIELDS
                        + "    - name: rollback\n      action: restore\n      dependsOn: [restructure]\n"
                        + "      backupTag: before-backend\n      mode: rewind\n")))
                .anySatisfy(problem -> assertThat(problem).contains("mode", "rewind", "move", "revert"));
    }

    @Test
    void refusesPathsOutsideTheRepositoryTwoMovesToOnePlaceAndABadExpression() {
        assertThat(problems(withRestructure("""
                              moves: {app: ../backend, lib: /srv/lib, a.py: main.py, b.py: main.py}
                              delete: [.git/config]
                              rewrite: {'from (app': x}
                        """)))
                .anySatisfy(p -> assertThat(p).contains("phases[0].moves.app: \"../backend\" leaves the repository"))
                .anySatisfy(p -> assertThat(p).contains("\"/srv/lib\" is absolute"))
                .anySatisfy(p -> assertThat(p).contains("moves a.py and b.py both to main.py"))
                .anySatisfy(p -> assertThat(p).contains("\".git/config\" is inside .git"))
                .anySatisfy(p -> assertThat(p).contains("\"from (app\" is not a regular expression"))
                .allSatisfy(p -> assertThat(p).startsWith("plan.yaml:"));
    }

    @Test
    void refusesARestructureWithNothingToDo() {
        assertThat(problems(withRestructure("      backupTag: before\n")))
                .singleElement()
                .asString()
                .contains("what to change: moves, delete or rewrite");
    }
}
