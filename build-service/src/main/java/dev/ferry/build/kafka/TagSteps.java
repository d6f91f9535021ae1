package dev.ferry.build.kafka;

import dev.ferry.build.domain.TagPromotions;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.plan.action.TagImage;
import dev.ferry.runtime.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers tag-image phases: for each service, points its per-environment tag at the digest the environment verified
 * and reports {@code step.succeeded} (the tag, the digest, what the tag named before), or {@code step.failed}.
 */
public final class TagSteps {

    private static final Logger log = LoggerFactory.getLogger(TagSteps.class);

    private final TagPromotions promotions;
    private final EventPublisher publisher;
    private final BuildEvents events;
    private final Clock clock;
    private final HandledWork handled = new HandledWork(10_000);

    public TagSteps(TagPromotions promotions, EventPublisher publisher, BuildEvents events, Clock clock) {
        this.promotions = promotions;
        this.publisher = publisher;
        this.events = events;
        this.clock = clock;
    }

    void start(PhaseStarted phase) {
        String eventId = phase.getMetadata().getEventId().toString();
        for (ServiceWork work : phase.getServices()) {
            if (!handled.wasHandled(eventId, work.getService())) {
                tag(phase, work);
                handled.markHandled(eventId, work.getService());
            }
        }
    }

    private void tag(PhaseStarted phase, ServiceWork work) {
        Instant start = clock.instant();
        Publishing.outcomeOf(publisher, events, phase, work.getService(), "tag", () -> {
            TagPromotions.Moved moved = promotions.promote(ServiceWorkMapping.promotion(phase, work));
            log.info(
                    "tag moved service={} tag={} digest={} previous={} alreadyThere={}",
                    work.getService(),
                    moved.reference(),
                    moved.digest(),
                    moved.previousDigest().orElse("none"),
                    moved.alreadyThere());
            var outputs = Map.of(
                    TagImage.PROMOTED_TAG,
                    moved.reference(),
                    "imageDigest",
                    moved.digest(),
                    TagImage.PREVIOUS_DIGEST,
                    moved.previousDigest().orElse(""));
            return events.succeeded(phase, work.getService(), outputs, Duration.between(start, clock.instant()));
        });
    }
}
