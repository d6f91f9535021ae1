package dev.ferry.build.testing;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.GithubWebhook;
import dev.ferry.contracts.avro.ImageSpec;
import dev.ferry.contracts.avro.PriorResults;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceSpec;
import dev.ferry.contracts.avro.TargetRepository;
import java.time.Clock;
import java.util.UUID;

/**
 * The github-actions builder's side of the tests: a fitsync service on github.com whose {@code build-push.yml} builds
 * its image, and the {@code workflow_run} delivery GitHub sends when that workflow's run on a commit completes.
 */
public final class GithubCi {

    private GithubCi() {}

    /** The service's build step with the github-actions builder, tagging {@code {service}-{sha}}. */
    public static ServiceWork.Builder work(String service, String sha, String registry, String imageRepository) {
        return ServiceWork.newBuilder()
                .setService(service)
                .setSource(new SourceSpec("monorepo", "main", "services/" + service, null))
                .setTarget(TargetRepository.newBuilder()
                        .setRepository("https://github.com/fitsync/" + service + ".git")
                        .build())
                .setImage(ImageSpec.newBuilder()
                        .setRegistry(registry)
                        .setRepository(imageRepository)
                        .setTagTemplate("{service}-{sha}")
                        .setBuilder("github-actions")
                        .setWorkflow("build-push.yml")
                        .build())
                .setPrior(PriorResults.newBuilder().setSplitCommit(sha).build());
    }

    /** The completed run of {@code build-push.yml} on {@code sha}, as the webhook receiver puts it on the topic. */
    public static GithubWebhook workflowRun(String repository, String sha, String conclusion) {
        String payload = """
                {"action":"completed","workflow_run":{"head_sha":"%s","path":".github/workflows/build-push.yml",
                "conclusion":"%s","status":"completed","html_url":"%s"},"repository":{"full_name":"%s"}}
                """.formatted(sha, conclusion, runUrl(sha), repository);
        return GithubWebhook.newBuilder()
                .setMetadata(MetadataFactory.forProducer("notifier-service", Clock.systemUTC())
                        .first(""))
                .setEventType("workflow_run")
                .setDeliveryId(UUID.randomUUID().toString())
                .setRepository(repository)
                .setHeadCommit(sha)
                .setAction("completed")
                .setPayload(payload)
                .build();
    }

    /** The page of the run {@link #workflowRun} reports. */
    public static String runUrl(String sha) {
        return "https://github.com/fitsync/runs/" + sha.substring(0, 8);
    }

    public static String randomSha() {
        return (UUID.randomUUID().toString() + UUID.randomUUID())
                .replace("-", "")
                .substring(0, 40);
    }
}
