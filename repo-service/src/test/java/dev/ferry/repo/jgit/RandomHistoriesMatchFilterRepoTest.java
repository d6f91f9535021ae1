package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.ServicePath;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Random monorepo histories (seeded, so a failure reproduces) with branches, merges of every shape, files moving
 * between services and shared code, services deleted and re-created, and empty commits: Ferry's split must give
 * filter-repo's commits exactly, wherever filter-repo itself keeps the source trees (see {@link FilterRepo}).
 */
class RandomHistoriesMatchFilterRepoTest {

    private static final Logger log = LoggerFactory.getLogger(RandomHistoriesMatchFilterRepoTest.class);
    private static final List<String> SERVICES = List.of("svc/a", "svc/b", "web");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void matchesFilterRepo(long seed) throws Exception {
        Path source = dir.resolve("monorepo.git");
        RandomMonorepo.generate(source, new Random(seed), 60);
        try (var sourceRepo =
                        new FileRepositoryBuilder().setGitDir(source.toFile()).build();
                var work = WorkRepositories.borrowingFrom(sourceRepo, dir.resolve("work.git"))) {
            var results = JGitHistorySplitter.of(sourceRepo, work)
                    .split("main", SERVICES.stream().map(ServicePath::of).toList());
            for (String service : SERVICES) {
                var expected = FilterRepo.subdirectoryFilter(source, "main", service, dir);
                var head = results.get(ServicePath.of(service)).head();
                List<String> ours = head.isEmpty()
                        ? List.of()
                        : GitCli.lines(
                                dir.resolve("work.git"),
                                "rev-list",
                                "--topo-order",
                                "--reverse",
                                head.get().name());
                boolean identical = ours.equals(expected.commits());
                log.info(
                        "seed={} service={} filterRepoCommits={} ferryCommits={} identical={}",
                        seed,
                        service,
                        expected.commits().size(),
                        ours.size(),
                        identical);
                if (!identical) {
                    FilterRepo238.assertDivergenceIsItsMergeBug(
                            "seed " + seed + ", " + service,
                            source,
                            dir.resolve("work.git"),
                            expected,
                            ours,
                            GitCli.run(source, "rev-parse", "main:" + service));
                }
            }
        }
    }
}
