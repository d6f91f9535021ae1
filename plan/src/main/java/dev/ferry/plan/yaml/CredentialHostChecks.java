package dev.ferry.plan.yaml;

import dev.ferry.plan.CredentialHosts;

/**
 * Each credential a plan names may go only to the hosts configuration binds it to: the source, every service's target
 * and registry, and every environment's GitOps repository are checked where they are written.
 */
final class CredentialHostChecks {
    private final PlanDraft plan;
    private final Problems problems;
    private final CredentialHosts hosts;
    private final Layers layers;

    CredentialHostChecks(PlanDraft plan, Problems problems, CredentialHosts hosts) {
        this.plan = plan;
        this.problems = problems;
        this.hosts = hosts;
        this.layers = new Layers(plan);
    }

    void check() {
        if (plan.source() != null) {
            plan.spec()
                    .map("source")
                    .flatMap(source -> source.string("repository"))
                    .ifPresent(repository -> check(plan.source().credentialRef(), repository, repository.value()));
        }
        for (ServiceDraft service : plan.services()) {
            String name = service.nameOrNull();
            if (name == null) {
                continue;
            }
            TargetFields target = layers.target(service);
            if (target.repository() != null) {
                check(target.credentialRef(), target.repository(), target.repositoryOf(name));
            }
            ImageFields image = layers.image(service);
            if (image.host() != null) {
                check(image.credentialRef(), image.host(), image.host().value());
            }
        }
        for (EnvironmentDraft environment : plan.environments()) {
            GitOpsFields gitops = layers.gitops(environment);
            if (gitops.repository() != null) {
                check(
                        gitops.credentialRef(),
                        gitops.repository(),
                        gitops.repository().value());
            }
        }
    }

    /** Reported where the address is written: once, however many services share that line (problems are a set). */
    private void check(String credentialRef, Located<String> where, String address) {
        hosts.refusal(credentialRef, address).ifPresent(reason -> problems.add(where.node(), where.path(), reason));
    }
}
