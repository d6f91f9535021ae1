package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.demo.embedded.EmbeddedBroker;
import dev.ferry.demo.embedded.EmbeddedServices;
import dev.ferry.demo.embedded.FerryService;
import dev.ferry.testsupport.SmartHttpGitServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 004's plan, {@code examples/iot-monorepo-restructure.yaml}, through its restructure on Ferry's embedded
 * services and a real git server over smart HTTP with a token: after the operator's first gate, the platform's
 * repository gets its backup tag on the old head and one commit moving the backend under backend/, with the imports
 * and Alembic settings the seed's script and sed lines change; then the emergency-rollback plan puts the branch back on
 * that tag. The plans' only edits are where the repository is and, for the rollback, the tag of the day.
 */
class IotMonorepoRestructureIT {

    private static final String TOKEN = "ghp_iot-e2e-token-4c1d";
    private static final String REPOSITORY = "iot-sim/iot-sim-platform";

    @TempDir
    Path data;

    @Test
    void movesTheBackendUnderBackendAfterTheBackupTag() throws Exception {
        try (var git = SmartHttpGitServer.start("x-access-token", TOKEN);
                var broker = EmbeddedBroker.start()) {
            ObjectId before = platform(git);
            try (var services = new EmbeddedServices(settings(broker))) {
                services.startAll();
                String plan = Files.readString(Path.of("../examples/iot-monorepo-restructure.yaml"))
                        .replace(
                                "https://github.com/" + REPOSITORY + ".git",
                                "http://127.0.0.1:" + git.port() + "/" + REPOSITORY + ".git");
                var runs = new PlanRuns(
                        broker.bootstrapServers(),
                        "http://127.0.0.1:" + services.port(FerryService.PLANNER) + "/migrations/",
                        Duration.ofSeconds(90));

                PlanRuns.Run run =
                        runs.run(plan, "iot-monorepo", Set.of("before-you-begin"), "backend-restructure", 1, p -> {});

                String tag = "backup-before-iot-monorepo-"
                        + DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.now(ZoneOffset.UTC));
                try (Repository platform = git.open(REPOSITORY);
                        var walk = new RevWalk(platform)) {
                    RevCommit head = walk.parseCommit(platform.resolve(Constants.R_HEADS + IotPlatform.BRANCH));
                    assertThat(head.getParent(0).getId())
                            .as("one commit on the old head")
                            .isEqualTo(before);
                    assertThat(platform.resolve(Constants.R_TAGS + tag))
                            .as("the backup tag on the old head")
                            .isEqualTo(before);
                    assertThat(run.outputs("backend-restructure", "backend"))
                            .containsEntry("restructureCommit", head.name())
                            .containsEntry("backupTag", tag)
                            .containsEntry("backupCommit", before.name())
                            .containsEntry("filesMoved", "11")
                            .containsEntry("linesRewritten", "7");
                    assertThat(file(platform, head, "backend/app/main.py"))
                            .isEqualTo("from backend.app.api.v1 import api_router\n"
                                    + "from backend.app.core.config import settings\n");
                    assertThat(file(platform, head, "backend/alembic/env.py"))
                            .isEqualTo("from backend.app.db.base import Base\nimport backend.app.models\n");
                    assertThat(file(platform, head, "backend/tests/conftest.py"))
                            .isEqualTo("from backend.app.main import app\n");
                    assertThat(file(platform, head, "backend/alembic.ini"))
                            .isEqualTo("[alembic]\nscript_location = backend/alembic\nprepend_sys_path = ..\n");
                    assertThat(file(platform, head, "backend/Dockerfile")).isEqualTo("FROM python:3.11-slim\n");
                    assertThat(file(platform, head, "docs/architecture.md"))
                            .as("what the plan does not name stays")
                            .isEqualTo("The backend: from app.main import app.\n");
                    assertThat(file(platform, head, "app/main.py")).isNull();
                }

                // "Emergency Rollback": the rollback plan, naming the tag the restructure reported.
                String rollback = Files.readString(Path.of("../examples/iot-monorepo-emergency-rollback.yaml"))
                        .replace(
                                "https://github.com/" + REPOSITORY + ".git",
                                "http://127.0.0.1:" + git.port() + "/" + REPOSITORY + ".git")
                        .replace("backup-before-iot-monorepo-20261205", tag);
                PlanRuns.Run restored = runs.run(
                        rollback,
                        "iot-monorepo-rollback",
                        Set.of("services-stopped"),
                        "emergency-rollback",
                        1,
                        p -> {});

                try (Repository platform = git.open(REPOSITORY);
                        var walk = new RevWalk(platform)) {
                    RevCommit head = walk.parseCommit(platform.resolve(Constants.R_HEADS + IotPlatform.BRANCH));
                    assertThat(head.getId())
                            .as("the branch is back on the backup tag")
                            .isEqualTo(before);
                    assertThat(file(platform, head, "app/main.py")).startsWith("from app.api.v1 import api_router");
                    assertThat(file(platform, head, "backend/app/main.py")).isNull();
                    assertThat(restored.outputs("emergency-rollback", "backend"))
                            .containsEntry("restoredCommit", before.name())
                            .containsEntry(
                                    "commitsDropped",
                                    run.outputs("backend-restructure", "backend")
                                            .get("restructureCommit"));
                }
            }
        }
    }

    /** The platform's repository as the seed finds it, on the monorepo branch; returns its head. */
    private static ObjectId platform(SmartHttpGitServer git) throws Exception {
        Map<String, String> files = IotPlatform.files();
        files.put("docs/architecture.md", "The backend: from app.main import app.\n");
        return IotPlatform.push(git, REPOSITORY, files);
    }

    private Map<FerryService, Map<String, Object>> settings(EmbeddedBroker broker) {
        var layout = new DemoLayout(data.resolve("ferry"));
        layout.prepare();
        Map<FerryService, Map<String, Object>> settings = new LinkedHashMap<>();
        DemoSettings.of(layout, broker.bootstrapServers(), null)
                .forEach((service, values) -> settings.put(service, new HashMap<>(values)));
        settings.get(FerryService.REPO).put("ferry.credentials.github-token", TOKEN);
        return settings;
    }

    private static String file(Repository repository, RevCommit commit, String path) throws Exception {
        try (var tree = TreeWalk.forPath(repository, path, commit.getTree())) {
            return tree == null
                    ? null
                    : new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }
}
