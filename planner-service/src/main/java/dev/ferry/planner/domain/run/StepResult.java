package dev.ferry.planner.domain.run;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a worker reported when a step succeeded; later steps of the same service read it. */
public sealed interface StepResult {

    /** The result as name/value pairs for people (status API, dry runs). */
    Map<String, String> describe();

    record Split(String splitCommit, String targetRepository) implements StepResult {
        @Override
        public Map<String, String> describe() {
            return Map.of("splitCommit", splitCommit, "targetRepository", targetRepository);
        }
    }

    /** @param imageTag the immutable tag later deploy steps write into GitOps */
    record ImageBuilt(String imageReference, String imageDigest, String imageTag) implements StepResult {
        @Override
        public Map<String, String> describe() {
            return Map.of("imageReference", imageReference, "imageDigest", imageDigest, "imageTag", imageTag);
        }
    }

    /** @param gitopsCommit null when the GitOps file already held the tag */
    record Deployed(String environment, String imageTag, String gitopsCommit, String message, boolean rollback)
            implements StepResult {
        @Override
        public Map<String, String> describe() {
            var values = new LinkedHashMap<String, String>();
            values.put("environment", environment);
            values.put("imageTag", imageTag);
            if (gitopsCommit != null) {
                values.put("gitopsCommit", gitopsCommit);
            }
            if (message != null) {
                values.put("deployMessage", message);
            }
            return values;
        }
    }

    record Archived(String noticeCommit) implements StepResult {
        @Override
        public Map<String, String> describe() {
            return Map.of("noticeCommit", noticeCommit);
        }
    }

    /** A person approved a gate. */
    record Approved(String approvedBy) implements StepResult {
        @Override
        public Map<String, String> describe() {
            return Map.of("approvedBy", approvedBy);
        }
    }
}
