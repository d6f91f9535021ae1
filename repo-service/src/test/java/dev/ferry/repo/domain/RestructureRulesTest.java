package dev.ferry.repo.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RestructureRulesTest {

    private static final List<String> FILES =
            List.of("app/main.py", "app/api/v1.py", "application.py", "alembic.ini", "docs/logo.png");

    @Test
    void movesADirectoryWithEverythingInItButNotAPathThatOnlyStartsTheSame() {
        var rules = rules(Map.of("app", "backend/app"), List.of(), Map.of(), List.of());

        assertThat(rules.newPaths(FILES, "iot"))
                .containsEntry("app/main.py", "backend/app/main.py")
                .containsEntry("app/api/v1.py", "backend/app/api/v1.py")
                .containsEntry("application.py", "application.py");
    }

    @Test
    void deletesAFileOrADirectory() {
        var rules = rules(Map.of(), List.of("docs/", "alembic.ini"), Map.of(), List.of());

        assertThat(rules.newPaths(FILES, "iot")).containsOnlyKeys("app/main.py", "app/api/v1.py", "application.py");
    }

    @Test
    void refusesAMoveOntoAFileThatStaysAndTwoMovesToOnePlace() {
        assertThatThrownBy(() -> rules(Map.of("application.py", "app/main.py"), List.of(), Map.of(), List.of())
                        .newPaths(FILES, "iot at main"))
                .hasMessageContaining("moving application.py to app/main.py would overwrite app/main.py")
                .hasMessageContaining("iot at main");
        assertThatThrownBy(() -> rules(
                                Map.of("application.py", "main.py", "alembic.ini", "main.py"),
                                List.of(),
                                Map.of(),
                                List.of())
                        .newPaths(FILES, "iot"))
                .hasMessageContaining("moving alembic.ini to main.py would overwrite application.py, moved there too");
    }

    @Test
    void rewritesLineByLineAndCountsTheLinesChanged() {
        var rules = rules(Map.of(), List.of(), Map.of("^from app\\.", "from backend.app."), List.of("**/*.py"));

        var rewritten = rules.rewrite("from app.api import v1\nimport os\nfrom app.db import s\n")
                .orElseThrow();

        assertThat(rewritten.text())
                .isEqualTo("from backend.app.api import v1\nimport os\nfrom backend.app.db import s\n");
        assertThat(rewritten.linesChanged()).isEqualTo(2);
        assertThat(rewritten.linesByRule()).containsExactly(java.util.Map.entry("^from app\\.", 2));
        assertThat(rules.rewrite("import os\n")).isEmpty();
        assertThat(rules.rewrites("main.py")).as("**/ also means the root").isTrue();
        assertThat(rules.rewrites("backend/app/main.py")).isTrue();
        assertThat(rules.rewrites("alembic.ini")).isFalse();
    }

    private static RestructureRules rules(
            Map<String, String> moves, List<String> deletions, Map<String, String> rewrites, List<String> globs) {
        return new RestructureRules(new TreeMap<>(moves), deletions, new TreeMap<>(rewrites), globs);
    }
}
