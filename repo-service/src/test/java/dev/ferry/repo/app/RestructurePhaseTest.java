package dev.ferry.repo.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.repo.github.GithubRepositories;
import dev.ferry.repo.github.GithubSettings;
import dev.ferry.testsupport.SmartHttpGitServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 004's restructure of a FastAPI repository in place, on a real git server over smart HTTP with a token: a
 * backup tag on the old head, app/, tests/ and alembic/ moved under backend/, imports and alembic.ini's
 * script_location rewritten, all in one commit that a redelivered phase does not make twice; bad rules and a backup
 * tag taken by another commit leave the repository untouched.
 */
class RestructurePhaseTest {

    private static final String TOKEN = "ghp_restructure-token-2b7d";
    private static final MetadataFactory METADATA = MetadataFactory.forProducer("repo-service", Clock.systemUTC());

    @TempDir
    Path dir;

    private SmartHttpGitServer git;
    private ObjectId before;

    @BeforeEach
    void repository() throws Exception {
        git = SmartHttpGitServer.start("x-access-token", TOKEN);
        git.createRepository("iot");
        try (Repository iot = git.open("iot")) {
            before = BareCommits.commit(
                    iot,
                    Map.of(
                            "app/main.py", "from app.api import router\nimport app.models\n\nprint('iot')\n",
                            "app/api.py", "from fastapi import APIRouter\nrouter = APIRouter()\n",
                            "tests/test_api.py",
                                    "from app.api import router\n\ndef test_router():\n    assert router\n",
                            "alembic/env.py", "from app.models import Base\n",
                            "alembic.ini", "[alembic]\nscript_location = alembic\n",
                            "README.md", "# IoT platform\n\nRun from app.main.\n",
                            "scripts/old_seed.sh", "#!/bin/sh\necho seed\n"),
                    "the IoT platform as it is");
        }
    }

    @AfterEach
    void stop() {
        git.close();
    }

    @Test
    void movesRewritesAndCommitsOnceAfterPushingTheBackupTag() throws Exception {
        String migration = "m-" + UUID.randomUUID();
        PhaseStarted phase = Phases.restructure(migration, services("backend", "frontend"), seed004());

        List<SpecificRecord> results = handler().handle(phase, progress -> {});

        assertThat(results).hasSize(2).allMatch(StepSucceeded.class::isInstance);
        RevCommit head = head();
        assertThat(head.getParent(0).getId()).as("one commit on the old head").isEqualTo(before);
        assertThat(tag("backup-before-iot"))
                .as("the backup tag names the old head")
                .isEqualTo(before);
        assertThat(file("backend/app/main.py"))
                .isEqualTo("from backend.app.api import router\nimport backend.app.models\n\nprint('iot')\n");
        assertThat(file("backend/tests/test_api.py")).startsWith("from backend.app.api import router\n");
        assertThat(file("backend/alembic/env.py")).isEqualTo("from backend.app.models import Base\n");
        assertThat(file("backend/alembic.ini")).isEqualTo("[alembic]\nscript_location = backend/alembic\n");
        assertThat(file("README.md"))
                .as("not a file the rewrites select")
                .isEqualTo("# IoT platform\n\nRun from app.main.\n");
        assertThat(file("app/main.py")).isNull();
        assertThat(file("scripts/old_seed.sh")).as("deleted").isNull();
        assertThat(head.getFullMessage()).contains("plan iot", migration, "backup-before-iot");
        for (SpecificRecord result : results) {
            assertThat(((StepSucceeded) result).getOutputs())
                    .containsEntry("restructureCommit", head.name())
                    .containsEntry("backupTag", "backup-before-iot")
                    .containsEntry("backupCommit", before.name())
                    .containsEntry("filesMoved", "5")
                    .containsEntry("linesRewritten", "5");
        }

        int pushes = git.pushesReceived();
        var again = (StepSucceeded) handler().handle(phase, progress -> {}).getFirst();
        assertThat(head()).as("the same phase again commits nothing").isEqualTo(head);
        assertThat(git.pushesReceived()).isEqualTo(pushes);
        assertThat(again.getOutputs()).containsEntry("restructureCommit", head.name());
    }

    @Test
    void aDryRunListsEveryMoveAndTheLinesEachRuleChangesPerFileAndPushesNothing() throws Exception {
        var settings = new LinkedHashMap<>(seed004());
        settings.put("dryRun", "true");
        int pushes = git.pushesReceived();

        var result = (StepSucceeded) handler()
                .handle(Phases.restructure("m-" + UUID.randomUUID(), services("backend"), settings), progress -> {})
                .getFirst();

        assertThat(result.getOutputs().get("preview").lines())
                .containsExactlyInAnyOrder(
                        "move alembic.ini -> backend/alembic.ini",
                        "rewrite backend/alembic.ini: '^script_location = alembic$' 1",
                        "move alembic/env.py -> backend/alembic/env.py",
                        "rewrite backend/alembic/env.py: '^from app\\.' 1",
                        "move app/api.py -> backend/app/api.py",
                        "move app/main.py -> backend/app/main.py",
                        "rewrite backend/app/main.py: '^from app\\.' 1",
                        "rewrite backend/app/main.py: '^import app\\.' 1",
                        "move tests/test_api.py -> backend/tests/test_api.py",
                        "rewrite backend/tests/test_api.py: '^from app\\.' 1");
        assertThat(result.getOutputs())
                .containsEntry("restructureCommit", "")
                .containsEntry("filesMoved", "5")
                .containsEntry("linesRewritten", "5");
        assertThat(head().getId()).as("the branch is where it was").isEqualTo(before);
        assertThat(tag("backup-before-iot")).as("no backup tag either").isNull();
        assertThat(git.pushesReceived()).isEqualTo(pushes);
    }

    @Test
    void aMoveOfAMissingPathOrOntoATakenOneChangesNothing() throws Exception {
        var missing = new LinkedHashMap<String, String>();
        missing.put("moves.src", "backend/src");
        var failed = (StepFailed) handler()
                .handle(Phases.restructure("m-missing", services("backend"), missing), progress -> {})
                .getFirst();
        assertThat(failed.getErrorKind()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(failed.getReason()).contains("move src -> backend/src: src is not in", "nothing was changed");

        var onto = new LinkedHashMap<String, String>();
        onto.put("moves.app/api.py", "app/main.py");
        failed = (StepFailed) handler()
                .handle(Phases.restructure("m-onto", services("backend"), onto), progress -> {})
                .getFirst();
        assertThat(failed.getReason()).contains("moving app/api.py to app/main.py would overwrite app/main.py");

        assertThat(head().getId()).isEqualTo(before);
        assertThat(tag("backup-before-iot")).isNull();
    }

    @Test
    void aRuleThatWouldChangeAFileInAnotherEncodingChangesNothing() throws Exception {
        ObjectId legacy;
        try (Repository iot = git.open("iot")) {
            // Latin-1: "café" with é as the one byte 0xE9, which is not UTF-8.
            byte[] latin1 = "from app.api import router  # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
            legacy = BareCommits.commitBytes(iot, Map.of("app/legacy.py", latin1), "legacy module");
        }

        var failed = (StepFailed) handler()
                .handle(Phases.restructure("m-latin1", services("backend"), seed004()), progress -> {})
                .getFirst();

        assertThat(failed.getErrorKind()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(failed.getReason()).contains("app/legacy.py, which is not UTF-8 text", "nothing was changed");
        assertThat(head().getId()).isEqualTo(legacy);
    }

    @Test
    void aBackupTagOnAnotherCommitIsRefused() throws Exception {
        ObjectId older;
        try (Repository iot = git.open("iot")) {
            older = before;
            BareCommits.commit(iot, Map.of("NOTES.md", "later\n"), "a later commit");
            var update = iot.updateRef(Constants.R_TAGS + "backup-before-iot");
            update.setNewObjectId(older);
            update.update();
        }
        ObjectId headBefore = head().getId();

        var failed = (StepFailed) handler()
                .handle(Phases.restructure("m-tag", services("backend"), seed004()), progress -> {})
                .getFirst();

        assertThat(failed.getErrorKind()).isEqualTo(ErrorKind.CONFLICT);
        assertThat(failed.getReason())
                .contains("backup tag backup-before-iot already exists", older.name(), "name another backupTag");
        assertThat(head().getId()).isEqualTo(headBefore);
    }

    @Test
    void theEmergencyRollbackPutsTheBranchBackOnTheBackupTag() throws Exception {
        handler().handle(Phases.restructure("m-restore", services("backend"), seed004()), progress -> {});
        ObjectId restructured = head().getId();

        var restored = (StepSucceeded) handler()
                .handle(
                        Phases.restore("m-rollback", services("backend"), Map.of("backupTag", "backup-before-iot")),
                        p -> {})
                .getFirst();

        assertThat(head().getId()).isEqualTo(before);
        assertTheFilesAreTheTags();
        assertThat(restored.getOutputs())
                .containsEntry("restoredCommit", before.name())
                .containsEntry("commitsDropped", restructured.name());
    }

    @Test
    void theRollbackKeepsCommitsPeoplePushedAfterFerryUnlessForced() throws Exception {
        handler().handle(Phases.restructure("m-people", services("backend"), seed004()), progress -> {});
        ObjectId theirs;
        try (Repository iot = git.open("iot")) {
            theirs = BareCommits.commit(iot, Map.of("backend/NOTES.md", "ours\n"), "notes after the move");
        }

        var refused = (StepFailed) handler()
                .handle(
                        Phases.restore("m-rb-1", services("backend"), Map.of("backupTag", "backup-before-iot")),
                        p -> {})
                .getFirst();
        assertThat(refused.getErrorKind()).isEqualTo(ErrorKind.CONFLICT);
        assertThat(refused.getReason())
                .contains(
                        "would drop 1 commit(s) pushed after Ferry's",
                        theirs.abbreviate(10).name(),
                        "notes after the move")
                .contains("force: true");
        assertThat(head().getId()).isEqualTo(theirs);

        var forced = new LinkedHashMap<String, String>();
        forced.put("backupTag", "backup-before-iot");
        forced.put("force", "true");
        handler().handle(Phases.restore("m-rb-2", services("backend"), forced), p -> {});
        assertThat(head().getId()).isEqualTo(before);
    }

    @Test
    void theRevertRollbackKeepsTheHistoryAndCommitsTheTagsTreeOnceOnTop() throws Exception {
        handler().handle(Phases.restructure("m-revert", services("backend"), seed004()), progress -> {});
        ObjectId restructured = head().getId();

        var reverted = (StepSucceeded) restore("m-revert", revert(false));

        RevCommit revert = head();
        assertThat(revert.getParent(0).getId()).isEqualTo(restructured);
        assertThat(revert.getTree().getId()).isEqualTo(commit(before).getTree().getId());
        assertThat(revert.getFullMessage())
                .contains("backup-before-iot", "plan iot-rollback", restructured.name())
                .contains("Ferry-Restore-Run: m-revert/");
        assertTheFilesAreTheTags();
        assertThat(tag("backup-before-iot")).isEqualTo(before);
        assertThat(reverted.getOutputs())
                .containsEntry("restoredCommit", revert.name())
                .containsEntry("commitsReverted", restructured.name())
                .containsEntry("commitsDropped", "");

        var again = (StepSucceeded) restore("m-revert", revert(false));
        assertThat(head().getId()).isEqualTo(revert.getId());
        assertThat(again.getOutputs())
                .containsEntry("restoredCommit", revert.name())
                .containsEntry("commitsReverted", restructured.name());
    }

    @Test
    void theRevertRollbackRevertsCommitsPeoplePushedAfterFerryOnlyWhenForced() throws Exception {
        handler().handle(Phases.restructure("m-rv-people", services("backend"), seed004()), progress -> {});
        ObjectId restructured = head().getId();
        ObjectId theirs;
        try (Repository iot = git.open("iot")) {
            theirs = BareCommits.commit(iot, Map.of("backend/NOTES.md", "ours\n"), "notes after the move");
        }

        var refused = (StepFailed) restore("m-rv-1", revert(false));
        assertThat(refused.getErrorKind()).isEqualTo(ErrorKind.CONFLICT);
        assertThat(refused.getReason())
                .contains(
                        "would revert 1 commit(s) pushed after Ferry's",
                        theirs.abbreviate(10).name(),
                        "notes after the move",
                        "force: true");
        assertThat(head().getId()).isEqualTo(theirs);

        var forced = (StepSucceeded) restore("m-rv-2", revert(true));
        RevCommit revert = head();
        assertThat(revert.getParent(0).getId()).isEqualTo(theirs);
        assertThat(revert.getTree().getId()).isEqualTo(commit(before).getTree().getId());
        assertThat(forced.getOutputs()).containsEntry("commitsReverted", theirs.name() + "," + restructured.name());
    }

    private SpecificRecord restore(String migration, Map<String, String> settings) {
        return handler()
                .handle(Phases.restore(migration, services("backend"), settings), p -> {})
                .getFirst();
    }

    private void assertTheFilesAreTheTags() throws Exception {
        assertThat(file("app/main.py")).startsWith("from app.api import router");
        assertThat(file("backend/app/main.py")).isNull();
    }

    private static Map<String, String> revert(boolean force) {
        var settings = new LinkedHashMap<String, String>();
        settings.put("backupTag", "backup-before-iot");
        settings.put("mode", "revert");
        settings.put("force", Boolean.toString(force));
        return settings;
    }

    /** Seed 004's phase 1: the backend under backend/, its imports and alembic's script location following it. */
    private static Map<String, String> seed004() {
        var settings = new LinkedHashMap<String, String>();
        settings.put("moves.app", "backend/app");
        settings.put("moves.tests", "backend/tests");
        settings.put("moves.alembic", "backend/alembic");
        settings.put("moves.alembic.ini", "backend/alembic.ini");
        settings.put("delete.1", "scripts/old_seed.sh");
        settings.put("rewrite.^from app\\.", "from backend.app.");
        settings.put("rewrite.^import app\\.", "import backend.app.");
        settings.put("rewrite.^script_location = alembic$", "script_location = backend/alembic");
        settings.put("rewriteFiles.1", "**/*.py");
        settings.put("rewriteFiles.2", "**/alembic.ini");
        settings.put("backupTag", "backup-before-iot");
        return settings;
    }

    private List<ServiceWork> services(String... names) {
        return java.util.Arrays.stream(names)
                .map(name -> ServiceWork.newBuilder(Phases.service(name, git.url("iot"), name, null))
                        .setParameters(Map.of(RepoPhaseHandler.SOURCE_CREDENTIAL, "github-token"))
                        .build())
                .toList();
    }

    private RepoPhaseHandler handler() {
        URI unused = URI.create("http://127.0.0.1:9");
        return new RepoPhaseHandler(
                dir.resolve("data"),
                new RepoPhaseHandler.Github(
                        Set.of(),
                        new GithubRepositories(unused, HttpClient.newHttpClient()),
                        new GithubSettings(unused, HttpClient.newHttpClient())),
                reference -> reference.equals("github-token") ? Optional.of(TOKEN) : Optional.empty(),
                METADATA,
                Clock.systemUTC());
    }

    private RevCommit head() throws Exception {
        try (Repository iot = git.open("iot")) {
            return BareCommits.head(iot);
        }
    }

    private RevCommit commit(ObjectId id) throws Exception {
        try (Repository iot = git.open("iot");
                var walk = new RevWalk(iot)) {
            return walk.parseCommit(id);
        }
    }

    private ObjectId tag(String name) throws Exception {
        try (Repository iot = git.open("iot")) {
            var ref = iot.exactRef(Constants.R_TAGS + name);
            return ref == null ? null : ref.getObjectId();
        }
    }

    private String file(String path) throws Exception {
        try (Repository iot = git.open("iot")) {
            return BareCommits.file(iot, path);
        }
    }
}
