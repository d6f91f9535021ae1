package dev.ferry.planner.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryParserTest {

    private static final String ID = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

    @Test
    void readsAPushToTheDefaultBranch() {
        String payload = Payloads.read("push.json");

        GithubDelivery delivery = valid(SupportedEvent.PUSH, payload);

        assertThat(delivery)
                .isEqualTo(new GithubDelivery(
                        ID,
                        "push",
                        "fitsync/user-service",
                        "refs/heads/main",
                        "9f8c1d2a7b3e4c5d6e7f8091a2b3c4d5e6f70812",
                        null,
                        "main",
                        payload));
        assertThat(delivery.isPushToDefaultBranch()).isTrue();
        assertThat(EventDetails.of(delivery))
                .isEqualTo(new EventDetails.Push("6113728f27ae82c7b1a177c8d03f9e96e0adf246", false, false, false));
    }

    @Test
    void aPushThatDeletesABranchHasNoCommitToBuild() {
        GithubDelivery delivery = valid(SupportedEvent.PUSH, Payloads.read("push-branch-deleted.json"));

        assertThat(delivery.ref()).isEqualTo("refs/heads/feature/streaks");
        assertThat(delivery.headCommit()).isNull();
        assertThat(delivery.isPushToDefaultBranch()).isFalse();
        assertThat(EventDetails.of(delivery))
                .asInstanceOf(type(EventDetails.Push.class))
                .extracting(EventDetails.Push::deleted)
                .isEqualTo(true);
    }

    @Test
    void aPushToAnotherBranchIsNotForTheDefaultBranch() {
        String payload = Payloads.read("push.json").replace("\"refs/heads/main\"", "\"refs/heads/release/2.1\"");

        GithubDelivery delivery = valid(SupportedEvent.PUSH, payload);

        assertThat(delivery.ref()).isEqualTo("refs/heads/release/2.1");
        assertThat(delivery.isPushToDefaultBranch()).isFalse();
    }

    @Test
    void takesTheHeadCommitIdWhenAfterIsAbsent() {
        String payload = """
                {"ref": "refs/heads/main", "head_commit": {"id": "1111111111111111111111111111111111111111"},
                 "repository": {"full_name": "fitsync/api-gateway", "default_branch": "main"}}""";

        assertThat(valid(SupportedEvent.PUSH, payload).headCommit())
                .isEqualTo("1111111111111111111111111111111111111111");
    }

    @Test
    void readsACompletedWorkflowRun() {
        GithubDelivery delivery = valid(SupportedEvent.WORKFLOW_RUN, Payloads.read("workflow_run-completed.json"));

        assertThat(delivery.eventType()).isEqualTo("workflow_run");
        assertThat(delivery.repository()).isEqualTo("fitsync/user-service");
        assertThat(delivery.action()).isEqualTo("completed");
        assertThat(delivery.ref()).isEqualTo("main");
        assertThat(delivery.headCommit()).isEqualTo("9f8c1d2a7b3e4c5d6e7f8091a2b3c4d5e6f70812");
        assertThat(delivery.defaultBranch()).isEqualTo("main");
        assertThat(delivery.isPushToDefaultBranch()).isFalse();
        assertThat(EventDetails.of(delivery))
                .isEqualTo(new EventDetails.WorkflowRun(8312077451L, "CI", "push", "completed", "success", 2));
    }

    @Test
    void readsAPublishedContainerPackage() {
        GithubDelivery delivery =
                valid(SupportedEvent.REGISTRY_PACKAGE, Payloads.read("registry_package-published.json"));

        assertThat(delivery.repository()).isEqualTo("fitsync/training-service");
        assertThat(delivery.action()).isEqualTo("published");
        assertThat(delivery.ref()).isNull();
        assertThat(delivery.headCommit()).isNull();
        assertThat(EventDetails.of(delivery))
                .isEqualTo(new EventDetails.RegistryPackage(
                        "training-service",
                        "CONTAINER",
                        "sha256:4c1b2e9f0a7d3c8b6e5f4a3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b",
                        "training-service-5e0f6a7"));
    }

    @Test
    void readsAnArchivedRepository() {
        GithubDelivery delivery = valid(SupportedEvent.REPOSITORY, Payloads.read("repository-archived.json"));

        assertThat(delivery.repository()).isEqualTo("fitsync/fitsync-monorepo");
        assertThat(delivery.action()).isEqualTo("archived");
        assertThat(delivery.defaultBranch()).isEqualTo("main");
        assertThat(EventDetails.of(delivery)).isEqualTo(new EventDetails.RepositoryChange(true));
    }

    @Test
    void keepsThePayloadAsSent() {
        String payload = Payloads.read("repository-archived.json");

        assertThat(valid(SupportedEvent.REPOSITORY, payload).payload()).isEqualTo(payload);
    }

    @Test
    void refusesABodyThatIsNotJson() {
        assertThat(problems(SupportedEvent.PUSH, "payload=%7B%7D"))
                .singleElement()
                .asString()
                .startsWith("body is not JSON: ")
                .contains("line 1, column");
    }

    @Test
    void refusesJsonFollowedByMoreText() {
        assertThat(problems(SupportedEvent.PUSH, Payloads.read("push.json") + " trailing"))
                .singleElement()
                .asString()
                .startsWith("body is not JSON: ");
    }

    @Test
    void refusesAnEmptyBody() {
        assertThat(problems(SupportedEvent.REPOSITORY, ""))
                .containsExactly("body is empty (expected the JSON payload)");
    }

    @Test
    void refusesJsonThatIsNotAnObject() {
        assertThat(problems(SupportedEvent.REPOSITORY, "[{\"action\": \"archived\"}]"))
                .containsExactly("body is not a JSON object");
    }

    @Test
    void namesAMissingRepository() {
        String payload = Payloads.read("repository-archived.json").replace("\"full_name\"", "\"fullName\"");

        assertThat(problems(SupportedEvent.REPOSITORY, payload))
                .containsExactly("repository.full_name is missing (expected a non-empty string)");
    }

    @Test
    void listsEveryMissingFieldAtOnce() {
        assertThat(problems(SupportedEvent.WORKFLOW_RUN, "{\"sender\": {\"login\": \"octocat\"}}"))
                .containsExactly(
                        "repository.full_name is missing (expected a non-empty string)",
                        "action is missing (expected a non-empty string)",
                        "workflow_run is missing (expected an object)");
        assertThat(problems(SupportedEvent.PUSH, "{\"repository\": {\"full_name\": \"fitsync/frontend\"}}"))
                .containsExactly("ref is missing (expected a non-empty string)");
        assertThat(problems(
                        SupportedEvent.REGISTRY_PACKAGE,
                        "{\"action\": \"published\", \"repository\": {\"full_name\": \"fitsync/frontend\"}}"))
                .containsExactly("registry_package is missing (expected an object)");
    }

    @Test
    void refusesARepositoryNameThatIsNotOwnerSlashName() {
        String payload = "{\"action\": \"created\", \"repository\": {\"full_name\": \"user-service\"}}";

        assertThat(problems(SupportedEvent.REPOSITORY, payload))
                .containsExactly("repository.full_name \"user-service\" is not owner/name");
    }

    @Test
    void aPingIsNotADeliveryToHandOn() {
        assertThatThrownBy(() -> DeliveryParser.parse(SupportedEvent.PING, ID, Payloads.read("ping.json")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leavesThePayloadOutOfToString() {
        GithubDelivery delivery = valid(SupportedEvent.PUSH, Payloads.read("push.json"));

        assertThat(delivery.toString()).contains("fitsync/user-service").doesNotContain("Validate e-mail");
    }

    private static GithubDelivery valid(SupportedEvent event, String payload) {
        return switch (DeliveryParser.parse(event, ID, payload)) {
            case ParsedDelivery.Valid valid -> valid.delivery();
            case ParsedDelivery.Invalid invalid -> throw new AssertionError("expected valid: " + invalid.summary());
        };
    }

    private static List<String> problems(SupportedEvent event, String payload) {
        return switch (DeliveryParser.parse(event, ID, payload)) {
            case ParsedDelivery.Valid valid -> throw new AssertionError("expected invalid: " + valid.delivery());
            case ParsedDelivery.Invalid invalid -> invalid.problems();
        };
    }
}
