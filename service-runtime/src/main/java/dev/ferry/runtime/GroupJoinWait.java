package dev.ferry.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Holds the service's start until each of its listeners has joined its consumer group. Work topics are read from the
 * latest offset when a group is new (an old request must not run again because a group expired), so a request
 * published between a service's start and its group join would be missed; a service that reports started only once it
 * has joined misses none. Gives up after a timeout with a warning rather than keep a service down because Kafka is.
 */
public final class GroupJoinWait
        implements ConsumerAwareRebalanceListener, KafkaBindingRebalanceListener, SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(GroupJoinWait.class);

    private final Set<Consumer<?, ?>> joined = ConcurrentHashMap.newKeySet();
    /** The containers of the service's Spring Cloud Stream bindings, which no listener registry holds. */
    private final Set<MessageListenerContainer> bindings = ConcurrentHashMap.newKeySet();

    private final ObjectProvider<KafkaListenerEndpointRegistry> registry;
    private final Duration timeout;
    private volatile boolean running;

    public GroupJoinWait(ObjectProvider<KafkaListenerEndpointRegistry> registry, Duration timeout) {
        this.registry = registry;
        this.timeout = timeout;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // As Spring Kafka's own listener logs it, which this one replaces: operators (and tests) look for the line.
        LOG.info("{}: partitions assigned: {}", consumer.groupMetadata().groupId(), partitions);
        // Called after every join, with no partitions too (a replica with nothing assigned has still joined).
        synchronized (this) {
            joined.add(consumer);
            notifyAll();
        }
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        LOG.info("{}: partitions revoked: {}", consumer.groupMetadata().groupId(), partitions);
    }

    /** A binding's container, to wait for as well. */
    void expect(MessageListenerContainer binding) {
        bindings.add(binding);
    }

    @Override
    public void onPartitionsAssigned(
            String bindingName, Consumer<?, ?> consumer, Collection<TopicPartition> partitions, boolean initial) {
        onPartitionsAssigned(consumer, partitions);
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(
            String bindingName, Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevokedBeforeCommit(consumer, partitions);
    }

    @Override
    public void start() {
        running = true;
        KafkaListenerEndpointRegistry listeners = registry.getIfAvailable();
        var containers = new ArrayList<MessageListenerContainer>(bindings);
        if (listeners != null) {
            containers.addAll(listeners.getListenerContainers());
        }
        int expected = containers.stream()
                .filter(MessageListenerContainer::isRunning)
                .mapToInt(GroupJoinWait::consumers)
                .sum();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (joined.size() < expected) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn(
                            "{} of {} Kafka listeners joined their consumer group within {}; requests published "
                                    + "before the others join are not read by them",
                            joined.size(),
                            expected,
                            timeout);
                    return;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        LOG.debug("{} Kafka listeners joined their consumer groups", expected);
    }

    private static int consumers(MessageListenerContainer container) {
        return container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent
                ? concurrent.getConcurrency()
                : 1;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * After the listener containers, which start in {@link AbstractMessageListenerContainer#DEFAULT_PHASE}, and after
     * Spring Cloud Stream's bindings, which start theirs earlier.
     */
    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE + 1;
    }
}
