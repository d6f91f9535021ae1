package dev.ferry.demo;

import dev.ferry.demo.sample.SampleService;
import dev.ferry.repo.domain.ServicePath;
import dev.ferry.repo.jgit.JGitHistorySplitter;
import dev.ferry.repo.jgit.SplitResult;
import dev.ferry.repo.jgit.WorkRepositories;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;

/** The split heads a run must end with, computed apart from Ferry's services: the tests' reference. */
final class ReferenceSplit {

    private ReferenceSplit() {}

    /** What repo-service's own splitter gives for the source, run here on its own, without Kafka or crashes. */
    static Map<String, String> heads(DemoLayout layout) throws IOException {
        Map<String, String> heads = new HashMap<>();
        try (Repository source = DemoOutputs.open(layout.source());
                Repository work =
                        WorkRepositories.borrowingFrom(source, layout.root().resolve("reference-split.git"))) {
            List<ServicePath> paths = SampleService.FITSYNC.stream()
                    .map(s -> ServicePath.of(s.path()))
                    .toList();
            Map<ServicePath, SplitResult> results =
                    JGitHistorySplitter.of(source, work).split("main", paths);
            for (SampleService service : SampleService.FITSYNC) {
                heads.put(
                        service.name(),
                        results.get(ServicePath.of(service.path()))
                                .head()
                                .orElseThrow()
                                .name());
            }
        }
        return heads;
    }
}
