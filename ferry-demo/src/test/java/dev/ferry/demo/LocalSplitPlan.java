package dev.ferry.demo;

import dev.ferry.demo.sample.SampleMonorepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A plan splitting two services of a generated mono-repo under a directory into local bare repositories there. */
final class LocalSplitPlan {

    private LocalSplitPlan() {}

    /** The plan's YAML; the mono-repo is generated under {@code work} the first time. */
    static String twoServices(Path work, String name) throws IOException {
        Path source = work.resolve("source/fitsync.git");
        if (!Files.exists(source)) {
            SampleMonorepo.fitSync()
                    .setCommits(SampleMonorepo.MIN_COMMITS)
                    .setBare(true)
                    .generateInto(source);
        }
        return """
                apiVersion: ferry.dev/v1
                kind: MigrationPlan
                metadata:
                  name: %s
                spec:
                  source:
                    repository: %s
                    branch: main
                  defaults:
                    target:
                      repository: %s/targets/{service}.git
                  services:
                    - name: api-gateway
                      path: services/api-gateway
                    - name: user-service
                      path: services/user-service
                  phases:
                    - name: split
                      action: split
                """.formatted(name, source, work);
    }
}
