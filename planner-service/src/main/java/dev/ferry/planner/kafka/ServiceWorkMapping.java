package dev.ferry.planner.kafka;

import dev.ferry.contracts.avro.DeployMode;
import dev.ferry.contracts.avro.GitOpsLayout;
import dev.ferry.contracts.avro.GitOpsSpec;
import dev.ferry.contracts.avro.ImageSpec;
import dev.ferry.contracts.avro.PathRename;
import dev.ferry.contracts.avro.PriorResults;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceSpec;
import dev.ferry.contracts.avro.TargetRepository;
import dev.ferry.plan.DeployTargets;
import dev.ferry.plan.ImageDefinition;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.ResolvedDeploy;
import dev.ferry.plan.ServiceDefinition;
import dev.ferry.plan.TargetRepositoryDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything a worker needs for one service's step, taken from the plan so that no worker reads the plan. */
final class ServiceWorkMapping {

    private ServiceWorkMapping() {}

    /**
     * @param environment the environment of a deploy or rollback step, else null
     * @param runParameters the run's start parameters; {@code sourceCommit} pins the source commit
     */
    static ServiceWork work(
            MigrationPlan plan,
            String serviceName,
            String environment,
            dev.ferry.planner.domain.run.PriorResults prior,
            Map<String, String> runParameters,
            List<String> checklist) {
        ServiceDefinition service = plan.service(serviceName)
                .orElseThrow(() -> new IllegalStateException("no service " + serviceName + " in " + plan.name()));
        var parameters = new LinkedHashMap<>(runParameters);
        parameters.putAll(service.parameters());
        if (plan.source() != null && plan.source().credentialRef() != null) {
            parameters.put("sourceCredentialRef", plan.source().credentialRef());
        }
        for (int i = 0; i < checklist.size(); i++) {
            parameters.put("checklist." + (i + 1), checklist.get(i));
        }
        // A plan that neither splits nor archives may name no source; the contract still wants the fields.
        boolean sourced = plan.source() != null;
        return ServiceWork.newBuilder()
                .setService(serviceName)
                .setSource(SourceSpec.newBuilder()
                        .setRepository(sourced ? plan.source().repository() : "")
                        .setBranch(sourced ? plan.source().branch() : "")
                        .setPath(service.path())
                        .setCommit(runParameters.get("sourceCommit"))
                        .build())
                .setSplitPaths(service.paths().stream()
                        .map(path -> new PathRename(path.from(), path.to()))
                        .toList())
                .setTarget(target(service.target()))
                .setImage(image(service.image()))
                .setGitops(environment == null ? null : gitops(plan, service, environment))
                .setPrior(PriorResults.newBuilder()
                        .setSplitCommit(prior.output("splitCommit"))
                        .setImageReference(prior.output("imageReference"))
                        .setImageDigest(prior.output("imageDigest"))
                        .setImageTag(prior.output("imageTag") != null ? prior.output("imageTag") : fixedTag(service))
                        .setDeployedTag(prior.deployedTag())
                        .setOutputs(prior.outputs())
                        .build())
                .setParameters(Map.copyOf(parameters))
                .build();
    }

    /**
     * A plan that deploys images it does not build names a fixed tag ({@code v1.0.0}); that is the tag to deploy
     * when no build step reported one.
     */
    private static String fixedTag(ServiceDefinition service) {
        ImageDefinition image = service.image();
        if (image == null || image.tagTemplate() == null) {
            return null;
        }
        String tag = image.tagTemplate().replace("{service}", service.name());
        return tag.contains("{") ? null : tag;
    }

    private static TargetRepository target(TargetRepositoryDefinition target) {
        return target == null
                ? null
                : TargetRepository.newBuilder()
                        .setRepository(target.repository())
                        .setDefaultBranch(target.defaultBranch())
                        .setVisibility(target.visibility())
                        .setForce(target.force())
                        .setRewriteTags(target.rewriteTags())
                        .setCredentialRef(target.credentialRef())
                        .build();
    }

    private static ImageSpec image(ImageDefinition image) {
        return image == null
                ? null
                : ImageSpec.newBuilder()
                        .setRegistry(image.registry())
                        .setRepository(image.repository())
                        .setTagTemplate(image.tagTemplate())
                        .setMovingTags(image.movingTags())
                        .setBuilder(image.builder())
                        .setDockerfile(image.dockerfile())
                        .setWorkflow(image.workflow())
                        .setCredentialRef(image.credentialRef())
                        .build();
    }

    private static GitOpsSpec gitops(MigrationPlan plan, ServiceDefinition service, String environment) {
        var definition = plan.environment(environment)
                .orElseThrow(() -> new IllegalStateException("no environment " + environment + " in " + plan.name()));
        if (definition.gitops() == null) {
            return null;
        }
        ResolvedDeploy deploy = DeployTargets.resolve(service, definition);
        return GitOpsSpec.newBuilder()
                .setRepository(deploy.repository())
                .setBranch(deploy.branch())
                .setLayout(GitOpsLayout.valueOf(deploy.layout().name()))
                .setFilePath(deploy.filePath())
                .setKeyPath(deploy.keyPath())
                .setMode(DeployMode.valueOf(deploy.mode().name()))
                .setApplication(deploy.application())
                .setNamespace(deploy.namespace())
                .setSyncTimeoutSeconds(deploy.syncTimeoutSeconds())
                .setCredentialRef(deploy.credentialRef())
                .build();
    }
}
