package dev.ferry.demo;

import dev.ferry.repo.app.BareCommits;
import dev.ferry.testsupport.SmartHttpGitServer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Seed 004's IOT SIM platform as its migration guide finds it: the FastAPI backend at the repository's root (app/,
 * alembic/, tests/, alembic.ini and the files around them), on the branch the monorepo work happens on. The example
 * plans' ITs start from it and add what they check.
 */
final class IotPlatform {

    static final String BRANCH = "IOT-sim-platform-fullstack-monorepo";

    private IotPlatform() {}

    /** The platform's files by path, in a map a test may add to or change before {@link #push}. */
    static Map<String, String> files() {
        var files = new LinkedHashMap<String, String>();
        files.put("app/main.py", "from app.api.v1 import api_router\nfrom app.core.config import settings\n");
        files.put("app/api/v1.py", "api_router = object()\n");
        files.put("app/core/config.py", "settings = {}\n");
        files.put("alembic/env.py", "from app.db.base import Base\nimport app.models\n");
        files.put("tests/conftest.py", "from app.main import app\n");
        files.put("alembic.ini", "[alembic]\nscript_location = alembic\nprepend_sys_path = .\n");
        files.put("Dockerfile", "FROM python:3.11-slim\n");
        files.put("docker-compose.yml", "services: {}\n");
        files.put("requirements.txt", "fastapi\n");
        files.put("requirements-dev.txt", "pytest\n");
        files.put(".env.example", "DATABASE_URL=\n");
        return files;
    }

    /** Creates {@code repository} on the git server with {@code files} as one commit on {@link #BRANCH}; its head. */
    static ObjectId push(SmartHttpGitServer git, String repository, Map<String, String> files) throws Exception {
        git.createRepository(repository);
        try (Repository platform = git.open(repository)) {
            ObjectId head = BareCommits.commit(platform, files, "the platform before the monorepo");
            var branch = platform.updateRef(Constants.R_HEADS + BRANCH);
            branch.setNewObjectId(head);
            branch.update();
            return head;
        }
    }
}
