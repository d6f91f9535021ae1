package dev.ferry.runtime.steps;

import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Lets a {@code phase.started} reach the worker's handler only with the attempts no newer attempt superseded: a
 * consumer-group reset or an expired group replays old requests, and without this a replayed deploy of an earlier
 * attempt would flip an environment back through old tags, a replayed forced split would push over newer commits.
 * The newest attempt delivered again (a redelivery after a crash, or after its answer) does reach the handler, which
 * checks its effect's own evidence (the split finds its pushed commits, the deploy its GitOps commit by trailer, the
 * scaffold its files) and answers again without repeating the effect. Runs before every handler, for every worker, so
 * no worker has to remember to do it.
 */
public final class RequestAdmission implements RecordInterceptor<String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(RequestAdmission.class);

    private final HandledStepLog log;

    public RequestAdmission(HandledStepLog log) {
        this.log = log;
    }

    @Override
    public ConsumerRecord<String, SpecificRecord> intercept(
            ConsumerRecord<String, SpecificRecord> record, Consumer<String, SpecificRecord> consumer) {
        if (!(record.value() instanceof PhaseStarted phase)
                || phase.getServices().isEmpty()) {
            return record;
        }
        String migrationId = phase.getMetadata().getMigrationId();
        List<StepRef> steps = phase.getServices().stream()
                .map(work -> new StepRef(migrationId, phase.getPhase(), work.getService()))
                .toList();
        Map<StepRef, StepAttempts.Verdict> verdicts = log.admit(steps, phase.getAttempt());
        List<ServiceWork> admitted = phase.getServices().stream()
                .filter(work -> verdicts.get(new StepRef(migrationId, phase.getPhase(), work.getService()))
                        != StepAttempts.Verdict.SUPERSEDED)
                .toList();
        if (admitted.size() == phase.getServices().size()) {
            return record;
        }
        verdicts.forEach((step, verdict) -> {
            if (verdict == StepAttempts.Verdict.SUPERSEDED) {
                LOG.info(
                        "phase.started at {}-{}@{}: step {}/{} attempt {} dropped: a newer attempt was taken on since",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        step.phase(),
                        step.service(),
                        phase.getAttempt());
            }
        });
        if (admitted.isEmpty()) {
            return null;
        }
        PhaseStarted narrowed =
                PhaseStarted.newBuilder(phase).setServices(admitted).build();
        return new ConsumerRecord<>(
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp(),
                record.timestampType(),
                record.serializedKeySize(),
                record.serializedValueSize(),
                record.key(),
                narrowed,
                record.headers(),
                record.leaderEpoch());
    }
}
