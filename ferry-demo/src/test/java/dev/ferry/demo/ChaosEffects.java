package dev.ferry.demo;

import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.demo.sample.SampleService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Counts, run by run, the effects the chaos test expects exactly once, from what is on disk and what the run reported:
 * the split pushed (the repository's head is the reference split's, one target commit reported), the image (its file
 * there, one digest reported), each GitOps bump (one commit touching the file besides the seed).
 */
final class ChaosEffects {

    private final Path images;
    private final List<String> lost = new ArrayList<>();
    private final List<String> duplicated = new ArrayList<>();
    private int checked;

    ChaosEffects(Path images) {
        this.images = images;
    }

    void check(DemoLayout layout, PlanRuns.Run run) throws IOException {
        Map<String, String> heads = ReferenceSplit.heads(layout);
        var outputs = new DemoOutputs(layout.root());
        String where = layout.root().getFileName() + " ";
        for (SampleService sample : SampleService.FITSYNC) {
            String service = sample.name();
            String head = heads.get(service);
            checked++;
            if (!Files.exists(layout.repository(service)) || !head.equals(outputs.splitHead(service))) {
                lost.add(where + service + " split");
            }
            Set<String> splitCommits = run.of(RepoSplit.class).stream()
                    .filter(split -> split.getService().equals(service))
                    .map(RepoSplit::getTargetCommit)
                    .collect(Collectors.toSet());
            if (splitCommits.size() > 1) {
                duplicated.add(where + service + " split commits " + splitCommits);
            }
            checked++;
            if (!Files.exists(images.resolve("fitsync_" + service + "-" + head + ".tar"))) {
                lost.add(where + service + " image");
            }
            Set<String> digests = run.of(ImagePushed.class).stream()
                    .filter(image -> image.getService().equals(service))
                    .map(ImagePushed::getDigest)
                    .collect(Collectors.toSet());
            if (digests.size() > 1) {
                duplicated.add(where + service + " image digests " + digests);
            }
            for (String environment : DemoPlan.ENVIRONMENTS) {
                checked++;
                String path = DemoOutputs.valuesPath(environment, service);
                int touching = outputs.gitopsCommitsTouching(path).size();
                if (touching < 2 || !outputs.gitopsFile(path).contains("tag: " + service + "-" + head)) {
                    lost.add(where + path + " bump");
                } else if (touching > 2) {
                    duplicated.add(where + path + " bumped " + (touching - 1) + " times");
                }
            }
        }
    }

    int checked() {
        return checked;
    }

    List<String> lost() {
        return lost;
    }

    List<String> duplicated() {
        return duplicated;
    }
}
