package dev.ferry.runtime;

import dev.ferry.contracts.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.RetryListener;

/**
 * One error line for each record the error handler sends to a dead-letter topic. The recoverer itself says nothing
 * once the record is out, so a worker skipping every request it could not read left no trace in its log.
 */
final class DeadLetterLog implements RetryListener {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterLog.class);

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {}

    @Override
    public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
        DeadLetterHeaders.Explanation why = DeadLetterHeaders.explain(failure);
        LOG.error(
                "event=dead-lettered topic={} partition={} offset={} deadLetterTopic={} reason={} message=\"{}\"",
                record.topic(),
                record.partition(),
                record.offset(),
                record.topic() + Topic.DEAD_LETTER_SUFFIX,
                why.reason(),
                why.message());
    }
}
