package dev.ferry.notifier;

import dev.ferry.notifier.domain.Delivery;
import dev.ferry.notifier.domain.ReplyKind;
import dev.ferry.notifier.domain.RunState;
import dev.ferry.notifier.domain.RunStore;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Added to the notifier with {@code --spring.main.sources}: wraps its run store so that the first save recording a
 * posted step-failed reply of one run fails, as when Kafka is briefly unreachable right after Slack took the message.
 */
public class SaveFailsOnceAfterAReply implements BeanPostProcessor {

    static final AtomicBoolean fired = new AtomicBoolean();

    /** The run whose save fails; other runs the notifier reads meanwhile are left alone. */
    static volatile String migrationId;

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof RunStore store ? new Failing(store) : bean;
    }

    private static final class Failing implements RunStore, AutoCloseable {

        private final RunStore store;
        private final Map<String, RunState> saved = new ConcurrentHashMap<>();

        Failing(RunStore store) {
            this.store = store;
        }

        @Override
        public Collection<RunState> loadAll() {
            return store.loadAll();
        }

        @Override
        public void save(RunState state) {
            RunState before = saved.get(state.migrationId());
            if (state.migrationId().equals(migrationId)
                    && before != null
                    && postedAStepFailedReply(before, state)
                    && fired.compareAndSet(false, true)) {
                throw new IllegalStateException("test: the state topic is unreachable just now");
            }
            store.save(state);
            saved.put(state.migrationId(), state);
        }

        private static boolean postedAStepFailedReply(RunState before, RunState after) {
            return before.pending().stream()
                    .filter(d -> d.kind() == ReplyKind.STEP_FAILED && d.threaded())
                    .map(Delivery::id)
                    .anyMatch(id -> after.pending().stream().noneMatch(d -> d.id().equals(id)));
        }

        @Override
        public void close() {
            if (store instanceof dev.ferry.notifier.persistence.KafkaRunStore kafka) {
                kafka.close();
            }
        }
    }
}
