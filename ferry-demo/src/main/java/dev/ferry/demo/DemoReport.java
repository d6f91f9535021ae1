package dev.ferry.demo;

import dev.ferry.contracts.avro.DeploySynced;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.contracts.avro.ServiceSummary;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a demo run produced for each service, gathered from the results the workers published: the split commit and
 * how many commits it kept, the image digest, one GitOps commit per environment, and the planner's lead time.
 */
final class DemoReport {

    /** One service's line of the summary; a field is null until its result arrived. */
    record ServiceResult(
            String service,
            Long commitsKept,
            String splitCommit,
            String imageDigest,
            Map<String, String> gitopsCommits,
            Duration leadTime) {}

    private final Map<String, Collected> collected = new LinkedHashMap<>();
    private MigrationFinished finished;
    private StartCheck.Outcome imageStart;

    DemoReport(List<String> services) {
        services.forEach(this::of);
    }

    void split(RepoSplit split) {
        Collected service = of(split.getService());
        service.commitsKept = split.getCommitsKept();
        service.splitCommit = split.getTargetCommit();
    }

    void image(ImagePushed image) {
        of(image.getService()).imageDigest = image.getDigest();
    }

    void deployed(DeploySynced deploy) {
        of(deploy.getService()).gitopsCommits.put(deploy.getEnvironment(), deploy.getGitopsCommit());
    }

    void finished(MigrationFinished event) {
        this.finished = event;
        for (ServiceSummary summary : event.getServices()) {
            Long lead = summary.getLeadTimeMillis();
            of(summary.getService()).leadTime = lead == null ? null : Duration.ofMillis(lead);
        }
    }

    List<ServiceResult> results() {
        return collected.entrySet().stream()
                .map(e -> {
                    Collected c = e.getValue();
                    return new ServiceResult(
                            e.getKey(),
                            c.commitsKept,
                            c.splitCommit,
                            c.imageDigest,
                            Map.copyOf(c.gitopsCommits),
                            c.leadTime);
                })
                .toList();
    }

    void imageStarted(StartCheck.Outcome outcome) {
        this.imageStart = outcome;
    }

    /** What starting one built image with buildah showed, when the demo did. */
    Optional<StartCheck.Outcome> imageStart() {
        return Optional.ofNullable(imageStart);
    }

    Optional<MigrationFinished> finished() {
        return Optional.ofNullable(finished);
    }

    private Collected of(String service) {
        return collected.computeIfAbsent(service, name -> new Collected());
    }

    /** Filled in as results arrive; only this class sees it. */
    private static final class Collected {
        Long commitsKept;
        String splitCommit;
        String imageDigest;
        final Map<String, String> gitopsCommits = new LinkedHashMap<>();
        Duration leadTime;
    }
}
