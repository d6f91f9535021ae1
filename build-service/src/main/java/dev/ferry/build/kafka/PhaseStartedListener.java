package dev.ferry.build.kafka;

import dev.ferry.build.domain.BuildRequest;
import dev.ferry.build.domain.Builder;
import dev.ferry.build.domain.BuiltImage;
import dev.ferry.build.domain.ImageBuildWorkflow;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.runtime.EventPublisher;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * build-service's consumer of {@code phase.started}: hands RUN phases to {@link JobSteps}
 * and TAG_IMAGE phases to {@link TagSteps}, and answers BUILD: builds each service's image and reports {@code image.pushed}, or
 * {@code step.failed} with the reason. Results are published, and acknowledged by the broker, before the record's
 * offset is committed, so a crash in between repeats the build rather than losing its result.
 */
public final class PhaseStartedListener implements Consumer<SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(PhaseStartedListener.class);

    private final ImageBuildWorkflow workflow;
    private final EventPublisher publisher;
    private final BuildEvents events;
    private final HandledWork handled;
    private final GithubActionsBuilds githubActions;
    private final double progressStep;
    private final JobSteps jobs;
    private final TagSteps tags;

    public PhaseStartedListener(
            ImageBuildWorkflow workflow,
            EventPublisher publisher,
            BuildEvents events,
            GithubActionsBuilds githubActions,
            double progressStep,
            JobSteps jobs,
            TagSteps tags) {
        this.workflow = workflow;
        this.publisher = publisher;
        this.events = events;
        this.handled = new HandledWork(10_000);
        this.githubActions = githubActions;
        this.progressStep = progressStep;
        this.jobs = jobs;
        this.tags = tags;
    }

    @Override
    public void accept(SpecificRecord record) {
        if (record instanceof PhaseStarted phase && phase.getAction() == PhaseAction.RUN) {
            jobs.start(phase);
            return;
        }
        if (record instanceof PhaseStarted phase && phase.getAction() == PhaseAction.TAG_IMAGE) {
            tags.start(phase);
            return;
        }
        if (!(record instanceof PhaseStarted phase) || phase.getAction() != PhaseAction.BUILD) {
            return;
        }
        String eventId = phase.getMetadata().getEventId().toString();
        for (ServiceWork work : phase.getServices()) {
            if (handled.wasHandled(eventId, work.getService())) {
                log.info("skipping redelivered build service={} phase={}", work.getService(), phase.getPhase());
                continue;
            }
            build(phase, work);
            handled.markHandled(eventId, work.getService());
        }
    }

    private void build(PhaseStarted phase, ServiceWork work) {
        Publishing.outcomeOf(publisher, events, phase, work.getService(), "build", () -> {
            BuildRequest request = ServiceWorkMapping.request(phase, work);
            if (request.builder() == Builder.GITHUB_ACTIONS) {
                githubActions.start(phase, work, request);
                return null;
            }
            var progress = new ProgressReporter(publisher, events, phase, work.getService(), progressStep);
            BuiltImage built = workflow.build(request, progress);
            log.info(
                    "image pushed service={} builder={} reference={} layersUploaded={} layersReused={}"
                            + " bytesUploaded={}",
                    built.service(),
                    built.builder().planName(),
                    built.image().reference(),
                    built.image().layersUploaded(),
                    built.image().layersReused(),
                    built.image().bytesUploaded());
            return events.pushed(phase, built);
        });
    }
}
