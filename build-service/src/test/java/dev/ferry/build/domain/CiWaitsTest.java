package dev.ferry.build.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CiWaitsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final String SHA = "8dfc6292a37757a2c6751de04fbd97a6fe52e7ad";

    private final CiWaits<String> waits = new CiWaits<>(Duration.ofHours(1));

    private static CiWait<String> wait(String step) {
        return new CiWait<>("fitsync/user-service", SHA, "build-push.yml", NOW.plusSeconds(600), step);
    }

    private static WorkflowRun run(String repository, String sha, String path) {
        return new WorkflowRun(repository, sha, path, "success", "https://github.com/run/1");
    }

    @Test
    void aRunEndsTheWaitForItsRepositoryCommitAndWorkflowFile() {
        assertThat(waits.await(wait("user"))).isEmpty();

        assertThat(waits.finished(run("fitsync/user-service", SHA, ".github/workflows/other.yml"), NOW))
                .isEmpty();
        assertThat(waits.finished(run("fitsync/training-service", SHA, ".github/workflows/build-push.yml"), NOW))
                .isEmpty();
        assertThat(waits.finished(run("FitSync/User-Service", SHA, ".github/workflows/build-push.yml"), NOW))
                .extracting(CiWait::step)
                .containsExactly("user");
        assertThat(waits.isWaiting("fitsync/user-service", SHA, "build-push.yml"))
                .isFalse();
    }

    @Test
    void aRunThatFinishedBeforeTheStepStartedIsMatchedWhenItDoes() {
        waits.finished(run("fitsync/user-service", SHA, ".github/workflows/build-push.yml"), NOW);

        assertThat(waits.await(wait("user"))).map(WorkflowRun::url).contains("https://github.com/run/1");
        assertThat(waits.await(wait("again"))).as("a run answers one wait").isEmpty();
    }

    @Test
    void waitsPastTheirDeadlineExpireOnceAndOldUnclaimedRunsAreForgotten() {
        waits.await(wait("user"));
        waits.finished(run("fitsync/other", SHA, "build-push.yml"), NOW);

        assertThat(waits.expired(NOW.plusSeconds(599))).isEmpty();
        assertThat(waits.expired(NOW.plusSeconds(600))).extracting(CiWait::step).containsExactly("user");
        assertThat(waits.expired(NOW.plusSeconds(601))).isEmpty();
        waits.expired(NOW.plus(Duration.ofHours(2)));
        assertThat(waits.await(new CiWait<>("fitsync/other", SHA, "build-push.yml", NOW, "late")))
                .isEmpty();
    }

    @Test
    void readsOwnerAndNameFromUrlsOfTheGithubHosts() {
        Set<String> hosts = Set.of("github.com", "git.acme.example:8443");
        assertThat(GithubRepositories.ownerAndName("https://github.com/fitsync/user-service.git", hosts))
                .contains("fitsync/user-service");
        assertThat(GithubRepositories.ownerAndName("git@github.com:fitsync/user-service.git", hosts))
                .contains("fitsync/user-service");
        assertThat(GithubRepositories.ownerAndName("ssh://git@github.com/fitsync/user-service", hosts))
                .contains("fitsync/user-service");
        assertThat(GithubRepositories.ownerAndName("https://git.acme.example:8443/fitsync/user-service.git", hosts))
                .as("a GitHub Enterprise host the configuration names")
                .contains("fitsync/user-service");
        assertThat(GithubRepositories.ownerAndName("https://gitlab.com/fitsync/user-service.git", hosts))
                .isEmpty();
        assertThat(GithubRepositories.ownerAndName("https://git.acme.example/fitsync/user-service.git", hosts))
                .as("the same host on another port is another server")
                .isEmpty();
        assertThat(GithubRepositories.ownerAndName("/srv/git/user-service.git", hosts))
                .isEmpty();
    }
}
