package dev.ferry.build.domain.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A job's name finds the job again on a redelivery, and only then. */
class JobNamesTest {

    @Test
    void isStableForOneAttemptAndDiffersForTheNext() {
        String first = JobNames.of("run-1", "backend-tests", "backend", 1);

        assertThat(JobNames.of("run-1", "backend-tests", "backend", 1)).isEqualTo(first);
        assertThat(JobNames.of("run-1", "backend-tests", "backend", 2))
                .isNotEqualTo(first)
                .endsWith("-a2");
        assertThat(JobNames.of("run-2", "backend-tests", "backend", 1)).isNotEqualTo(first);
        assertThat(first).startsWith("ferry-backend-tests-backend-").endsWith("-a1");
    }

    @Test
    void isAKubernetesNameHoweverLongOrOddThePhaseAndServiceAre() {
        String name = JobNames.of("run-1", "Verify_The.Migrations-" + "x".repeat(80), "Auth_Service", 12);

        assertThat(name)
                .hasSizeLessThanOrEqualTo(63)
                .matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")
                .endsWith("-a12");
    }
}
