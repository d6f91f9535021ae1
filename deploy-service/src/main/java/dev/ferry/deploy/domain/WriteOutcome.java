package dev.ferry.deploy.domain;

import java.util.Optional;

/** What the write-back did for one tag change. */
public sealed interface WriteOutcome {

    /** The revision the cluster must reach for this change to be live. */
    String revision();

    /** The version the file held before this change replaced it; empty when nothing was replaced here. */
    default Optional<String> previous() {
        return Optional.empty();
    }

    /**
     * The change is in a pushed commit, possibly shared with other changes of the same batch.
     *
     * @param pushAttempts how many pushes the batch needed; more than one means another writer raced it
     * @param previous the version the file held before, when this change replaced one
     */
    record Committed(String commit, int batchSize, int pushAttempts, Optional<String> previous)
            implements WriteOutcome {
        @Override
        public String revision() {
            return commit;
        }
    }

    /**
     * The file already held the version because an earlier delivery of the same step committed it: the commit found by
     * its {@code Ferry-Step} trailer. This is how a step redelivered after a restart reports its commit once more
     * without making another.
     */
    record FoundEarlier(String commit) implements WriteOutcome {
        @Override
        public String revision() {
            return commit;
        }
    }

    /** The file already held the version at {@code head}; no commit was made. */
    record AlreadyCurrent(String head) implements WriteOutcome {
        @Override
        public String revision() {
            return head;
        }
    }
}
