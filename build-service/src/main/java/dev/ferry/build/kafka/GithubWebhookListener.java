package dev.ferry.build.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.build.domain.WorkflowRun;
import dev.ferry.build.domain.job.WorkflowRunSignals;
import dev.ferry.contracts.avro.GithubWebhook;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Reads completed {@code workflow_run} deliveries from {@code github.webhooks} for the github-actions builder and for
 * the run action's github-actions jobs (a run titled with a job's name ends that job's wait), and fails the build steps
 * whose runs never came. Other GitHub events are not build-service's business and are ignored.
 */
public final class GithubWebhookListener implements Consumer<SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(GithubWebhookListener.class);

    private final GithubActionsBuilds builds;
    private final WorkflowRunSignals jobRuns;
    private final ObjectMapper json = new ObjectMapper();

    public GithubWebhookListener(GithubActionsBuilds builds, WorkflowRunSignals jobRuns) {
        this.builds = builds;
        this.jobRuns = jobRuns;
    }

    @Override
    public void accept(SpecificRecord record) {
        if (!(record instanceof GithubWebhook webhook)
                || !"workflow_run".equals(webhook.getEventType())
                || !"completed".equals(webhook.getAction())) {
            return;
        }
        try {
            JsonNode run = json.readTree(webhook.getPayload()).path("workflow_run");
            var finished = new WorkflowRun(
                    webhook.getRepository(),
                    run.path("head_sha").asText(),
                    run.path("path").asText(),
                    run.path("conclusion").asText(),
                    run.path("html_url").asText());
            builds.runFinished(finished);
            if (jobRuns.completed(
                    webhook.getRepository(), run.path("display_title").asText())) {
                log.info("job's workflow run completed deliveryId={} run={}", webhook.getDeliveryId(), finished.url());
            }
        } catch (IOException e) {
            // A delivery GitHub signed but that is not JSON cannot be repaired by retrying; say so and move on.
            log.warn(
                    "workflow_run delivery is not JSON deliveryId={} error={}",
                    webhook.getDeliveryId(),
                    e.getMessage());
        }
    }

    /** Once the listeners run: the waits reloaded at start-up whose image CI pushed while build-service was down. */
    @EventListener(ApplicationReadyEvent.class)
    void resumeWaits() {
        builds.resume();
    }

    @Scheduled(fixedDelayString = "${ferry.build.github-actions.check-interval:5s}")
    void expireWaits() {
        builds.expire();
    }
}
