package dev.ferry.repo;

import dev.ferry.repo.domain.ServicePath;
import dev.ferry.repo.jgit.GitRemote;
import dev.ferry.repo.jgit.RepositoryMerger;
import dev.ferry.repo.jgit.WorkRepositories;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Optional;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The merge engine from the command line, without Kafka or Spring: what {@code bench/repo-merge} times against git
 * filter-repo and git merge. Merges each SOURCE_GIT_DIR's main branch under its DIRECTORY into the monorepo's branch
 * (pushed to MONOREPO_GIT_DIR, a local bare repository) and prints each directory's rewritten head and the time taken.
 * WORK_GIT_DIR is deleted and made anew, as a merge phase does with its work repository.
 *
 * <p>usage: {@code MergeCommand MONOREPO_GIT_DIR BRANCH WORK_GIT_DIR SOURCE_GIT_DIR=DIRECTORY...}
 */
public final class MergeCommand {

    private MergeCommand() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: MergeCommand MONOREPO_GIT_DIR BRANCH WORK_GIT_DIR SOURCE_GIT_DIR=DIRECTORY...");
            System.exit(2);
        }
        var sources = new ArrayList<Repository>();
        var incoming = new ArrayList<RepositoryMerger.Incoming>();
        try (Repository monorepo = open(args[0])) {
            for (int i = 3; i < args.length; i++) {
                String[] pair = args[i].split("=", 2);
                Repository source = open(pair[0]);
                sources.add(source);
                incoming.add(new RepositoryMerger.Incoming(source, "main", ServicePath.of(pair[1]), pair[0]));
            }
            long started = System.nanoTime();
            try (Repository work = WorkRepositories.forMergeInto(monorepo, sources, Path.of(args[2]))) {
                RepositoryMerger.Outcome outcome = new RepositoryMerger(work)
                        .merge(
                                GitRemote.of(args[0], Optional.empty()),
                                args[1],
                                incoming,
                                new PersonIdent("Ferry", "ferry@noreply.ferry.dev", Instant.now(), ZoneOffset.UTC),
                                "Merged by the bench.\n");
                long millis = (System.nanoTime() - started) / 1_000_000;
                outcome.rewrittenHeads()
                        .forEach((directory, head) -> System.out.println(directory + " " + head.name()));
                System.out.printf(
                        "merge repositories=%d mergeCommits=%d head=%s millis=%d%n",
                        incoming.size(), outcome.mergeCommits(), outcome.head().name(), millis);
            }
        } finally {
            sources.forEach(Repository::close);
        }
    }

    private static Repository open(String gitDir) throws Exception {
        return new FileRepositoryBuilder()
                .setGitDir(Path.of(gitDir).toFile())
                .setMustExist(true)
                .build();
    }
}
