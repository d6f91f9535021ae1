package dev.ferry.repo.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.repo.app.BareCommits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which files a scaffold writes into a real repository: what was there before Ferry, and what a person deleted after
 * Ferry wrote it, count as a person's; a file already holding its content needs no commit at all.
 */
class FileScaffolderTest {

    private static final PersonIdent FERRY =
            new PersonIdent("Ferry", "ferry@example.com", Instant.EPOCH, ZoneOffset.UTC);
    private static final FileScaffolder.Message MESSAGE = new FileScaffolder.Message("Scaffold", "m-1/scaffold");

    @TempDir
    Path dir;

    @Test
    void leavesAFileThatWasThereBeforeFerryUnlessOverwriting() throws Exception {
        try (Repository target = BareCommits.initBare(dir.resolve("a.git"))) {
            BareCommits.commit(target, Map.of("README.md", "# from the monorepo\n"), "split");

            FileScaffolder.Outcome kept = scaffold(target, files("README.md", "# a\n", "CODEOWNERS", "* @x\n"), false);
            assertThat(kept.written()).containsExactly("CODEOWNERS");
            assertThat(kept.left()).containsExactly("README.md");
            assertThat(BareCommits.file(target, "README.md")).isEqualTo("# from the monorepo\n");

            FileScaffolder.Outcome replaced = scaffold(target, files("README.md", "# a\n"), true);
            assertThat(replaced.written()).containsExactly("README.md");
            assertThat(BareCommits.file(target, "README.md")).isEqualTo("# a\n");
            assertThat(BareCommits.head(target).getFullMessage())
                    .contains("Ferry-Scaffold-File: ", " README.md\n", "Ferry-Scaffold-Run: m-1/scaffold");
        }
    }

    @Test
    void leavesAFileFerryWroteThatAPersonDeleted() throws Exception {
        try (Repository target = BareCommits.initBare(dir.resolve("a.git"))) {
            BareCommits.commit(target, Map.of("main.js", "a"), "split");
            scaffold(target, files(".dockerignore", "node_modules\n"), false);
            BareCommits.remove(target, ".dockerignore", "we need no .dockerignore");

            FileScaffolder.Outcome again = scaffold(target, files(".dockerignore", "node_modules\n"), false);

            assertThat(again.written()).isEmpty();
            assertThat(again.left()).containsExactly(".dockerignore");
            assertThat(BareCommits.file(target, ".dockerignore")).isNull();
        }
    }

    @Test
    void commitsNothingWhenEveryFileHasItsContent() throws Exception {
        try (Repository target = BareCommits.initBare(dir.resolve("a.git"))) {
            ObjectId split = BareCommits.commit(target, Map.of("README.md", "# a\n"), "split");

            FileScaffolder.Outcome outcome = scaffold(target, files("README.md", "# a\n"), false);

            assertThat(outcome)
                    .as("no commit, and the head the next build builds is still the split's")
                    .isEqualTo(new FileScaffolder.Outcome(Optional.empty(), split, List.of(), List.of()));
            assertThat(BareCommits.head(target).getId()).isEqualTo(split);
        }
    }

    private FileScaffolder.Outcome scaffold(Repository target, Map<String, byte[]> files, boolean overwrite)
            throws Exception {
        GitRemote remote = GitRemote.of(dir.resolve("a.git").toString(), Optional.empty());
        try (Repository work = WorkRepositories.borrowingFrom(target, dir.resolve("work.git"))) {
            return new FileScaffolder(work).scaffold(target, remote, "main", files, overwrite, FERRY, MESSAGE);
        }
    }

    private static Map<String, byte[]> files(String... pathsAndTexts) {
        var files = new LinkedHashMap<String, byte[]>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.put(pathsAndTexts[i], pathsAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }
}
