package dev.ferry.build.domain.job;

import java.util.Map;

/** Where a job runs, with what only that place needs. */
public sealed interface JobPlace {

    /** The place's name as plans write it ({@code runsOn}). */
    String planName();

    /**
     * The image's root file system run on the worker's own machine (buildah), loopback only unless {@code network}.
     */
    record Local(boolean network) implements JobPlace {
        @Override
        public String planName() {
            return "local";
        }
    }

    /**
     * A Kubernetes {@code Job} in the cluster configured for {@code environment} (the default cluster when null).
     *
     * @param backoffLimit how many times Kubernetes starts a failed pod again
     */
    record Kubernetes(String environment, String namespace, int backoffLimit) implements JobPlace {
        @Override
        public String planName() {
            return "kubernetes";
        }
    }

    /**
     * A {@code workflow_dispatch} of {@code workflow} (a file of {@code .github/workflows}) in {@code repository} on
     * {@code ref}, followed through its {@code workflow_run} deliveries.
     */
    record GithubActions(String repository, String ref, String workflow, Map<String, String> inputs)
            implements JobPlace {
        public GithubActions {
            inputs = Map.copyOf(inputs);
        }

        @Override
        public String planName() {
            return "github-actions";
        }
    }
}
