package dev.ferry.notifier;

import dev.ferry.notifier.domain.RunState;
import dev.ferry.notifier.domain.RunStore;
import dev.ferry.notifier.domain.StateNotSaved;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Added to the notifier with {@code --spring.main.sources}: the first {@link #FAILURES} saves that take an event of
 * one run in fail as when the state topic is unreachable, more often than the runtime's error handler tries a record.
 */
public class StateTopicDownForAWhile implements BeanPostProcessor {

    static final int FAILURES = 5;
    static final AtomicInteger failed = new AtomicInteger();

    /** The run whose saves fail. */
    static volatile String migrationId;

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof RunStore store ? new Failing(store) : bean;
    }

    private record Failing(RunStore store) implements RunStore, AutoCloseable {

        @Override
        public Collection<RunState> loadAll() {
            return store.loadAll();
        }

        @Override
        public void save(RunState state) {
            if (state.migrationId().equals(migrationId)
                    && state.handledEvents().size() == 1
                    && failed.getAndIncrement() < FAILURES) {
                throw new StateNotSaved("test: the state topic is unreachable", null);
            }
            store.save(state);
        }

        @Override
        public void close() {
            if (store instanceof dev.ferry.notifier.persistence.KafkaRunStore kafka) {
                kafka.close();
            }
        }
    }
}
