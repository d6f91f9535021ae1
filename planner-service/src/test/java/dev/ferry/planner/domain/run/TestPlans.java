package dev.ferry.planner.domain.run;

import dev.ferry.plan.DeploySettings;
import dev.ferry.plan.EnvironmentDefinition;
import dev.ferry.plan.FailurePolicy;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.RetryPolicy;
import dev.ferry.plan.Rollout;
import dev.ferry.plan.SamplePlan;
import dev.ferry.plan.ServiceDefinition;
import dev.ferry.plan.SourceRepository;
import dev.ferry.plan.action.Action;
import dev.ferry.plan.action.Actions;
import dev.ferry.plan.action.Wait;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Plans written in Java for state machine tests, without the YAML reader. */
final class TestPlans {

    private TestPlans() {}

    static MigrationPlan plan(List<String> services, PhaseDefinition... phases) {
        var definitions = services.stream()
                .map(name -> new ServiceDefinition(
                        name, "services/" + name, null, null, DeploySettings.none(), null, Map.of(), List.of()))
                .toList();
        var environments = Arrays.stream(phases)
                .map(PhaseDefinition::environment)
                .filter(e -> e != null)
                .distinct()
                .map(e -> new EnvironmentDefinition(e, null))
                .toList();
        return new MigrationPlan(
                "test-plan",
                new SourceRepository("/src/mono.git", "main", null),
                definitions,
                environments,
                List.of(phases),
                "");
    }

    /** split -> build -> deploy-dev, pipelined, stop on failure, no retries. */
    static MigrationPlan splitBuildDeploy(String... services) {
        return plan(
                List.of(services),
                phase("split", Actions.SPLIT, null),
                phase("build", Actions.BUILD, null, "split"),
                phase("deploy-dev", Actions.DEPLOY, "dev", "build"));
    }

    static PhaseDefinition phase(String name, Action action, String environment, String... dependsOn) {
        return SamplePlan.phase(name, action, environment, List.of(dependsOn));
    }

    static PhaseDefinition withApproval(PhaseDefinition p) {
        return edited(p, e -> e.approvalRequired = true);
    }

    /** A phase that needs one sign-off per listed role, each by a different person. */
    static PhaseDefinition withApprovals(PhaseDefinition p, String... roles) {
        return edited(p, e -> {
            e.approvalRequired = true;
            e.approvals = List.of(roles);
        });
    }

    static PhaseDefinition asBarrier(PhaseDefinition p) {
        return edited(p, e -> e.barrier = true);
    }

    static PhaseDefinition continuingOnFailure(PhaseDefinition p) {
        return edited(p, e -> e.onFailure = FailurePolicy.CONTINUE);
    }

    static PhaseDefinition rollingBackOnFailure(PhaseDefinition p) {
        return edited(p, e -> e.onFailure = FailurePolicy.ROLLBACK);
    }

    static PhaseDefinition retrying(PhaseDefinition p, int attempts, Duration backoff) {
        return edited(p, e -> e.retry = new RetryPolicy(attempts, backoff, 2, backoff.multipliedBy(10)));
    }

    static PhaseDefinition withChecklist(PhaseDefinition p, String... items) {
        return edited(p, e -> e.checklist = List.of(items));
    }

    /** A wait of the given length (as a plan writes it, e.g. 48h) after the given phases. */
    static PhaseDefinition waiting(String name, String duration, String... dependsOn) {
        return edited(phase(name, Actions.WAIT, null, dependsOn), e -> e.settings = Map.of(Wait.DURATION, duration));
    }

    static PhaseDefinition sequential(PhaseDefinition p) {
        return edited(p, e -> e.rollout = Rollout.SEQUENTIAL);
    }

    static PhaseDefinition withTimeout(PhaseDefinition p, Duration timeout) {
        return edited(p, e -> e.timeout = timeout);
    }

    static PhaseDefinition forServices(PhaseDefinition p, String... services) {
        return edited(p, e -> e.services = List.of(services));
    }

    /** The phase with some of its fields replaced; name and action always kept. */
    private static PhaseDefinition edited(PhaseDefinition p, Consumer<Edit> change) {
        var edit = new Edit(p);
        change.accept(edit);
        return new PhaseDefinition(
                p.name(),
                p.action(),
                edit.environment,
                edit.dependsOn,
                edit.approvalRequired,
                edit.barrier,
                edit.onFailure,
                edit.retry,
                edit.checklist,
                edit.services,
                edit.rollout,
                edit.timeout,
                edit.settings,
                edit.approvals);
    }

    /** A phase's changeable fields, starting from the phase's own. */
    private static final class Edit {
        String environment;
        List<String> dependsOn;
        boolean approvalRequired;
        boolean barrier;
        FailurePolicy onFailure;
        RetryPolicy retry;
        List<String> checklist;
        List<String> services;
        Rollout rollout;
        Duration timeout;
        Map<String, String> settings;
        List<String> approvals;

        Edit(PhaseDefinition p) {
            environment = p.environment();
            dependsOn = p.dependsOn();
            approvalRequired = p.approvalRequired();
            barrier = p.barrier();
            onFailure = p.onFailure();
            retry = p.retry();
            checklist = p.checklist();
            services = p.services();
            rollout = p.rollout();
            timeout = p.timeout();
            settings = p.settings();
            approvals = p.approvals();
        }
    }
}
