package dev.ferry.plan.yaml;

import dev.ferry.plan.DurationText;
import dev.ferry.plan.GitOpsDefinition;
import dev.ferry.plan.GitOpsDefinition.DeployModeKind;
import dev.ferry.plan.GitOpsDefinition.GitOpsLayoutKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * GitOps settings as written in {@code gitops} or in an environment entry (whose fields override the plan's for that
 * environment). Absent fields are null.
 */
record GitOpsFields(
        Located<String> repository,
        String branch,
        Located<GitOpsLayoutKind> layout,
        Located<String> path,
        String keyPath,
        DeployModeKind mode,
        String application,
        String namespace,
        Duration syncTimeout,
        String credentialRef) {

    static final List<String> FIELDS = List.of(
            "repository",
            "branch",
            "layout",
            "path",
            "keyPath",
            "mode",
            "application",
            "namespace",
            "syncTimeout",
            "credentialRef");
    static final Duration DEFAULT_SYNC_TIMEOUT = Duration.ofSeconds(600);
    private static final Duration MAX_SYNC = Duration.ofHours(24);
    /** Argo CD Application per service and environment, the name deploy-service also falls back to. */
    static final String DEFAULT_APPLICATION = "{service}-{env}";

    private static final Map<String, GitOpsLayoutKind> LAYOUTS = Options.of(GitOpsLayoutKind.class);
    private static final Map<String, DeployModeKind> MODES = Options.of(DeployModeKind.class);

    static GitOpsFields none() {
        return new GitOpsFields(null, null, null, null, null, null, null, null, null, null);
    }

    /** Reads the GitOps fields of {@code map}; the caller has already checked which fields the mapping may hold. */
    static GitOpsFields read(YamlMap map) {
        Problems problems = map.problems();
        Located<String> repository = map.string("repository").orElse(null);
        Located<String> path = map.string("path").orElse(null);
        for (String template : List.of("path", "keyPath", "application", "namespace")) {
            map.string(template).ifPresent(t -> Templates.check(t, Templates.PER_DEPLOYMENT, problems));
        }
        map.string("repository").ifPresent(r -> {
            Templates.check(r, Templates.NONE, problems);
            CredentialFreeUrls.check(r, problems);
        });
        map.string("branch").ifPresent(b -> Templates.check(b, Templates.NONE, problems));
        return new GitOpsFields(
                repository,
                map.text("branch"),
                map.choice("layout", LAYOUTS).orElse(null),
                path,
                map.text("keyPath"),
                map.choice("mode", MODES).map(Located::value).orElse(null),
                map.text("application"),
                map.text("namespace"),
                syncTimeout(map),
                map.text("credentialRef"));
    }

    GitOpsFields over(GitOpsFields base) {
        return new GitOpsFields(
                repository != null ? repository : base.repository,
                branch != null ? branch : base.branch,
                layout != null ? layout : base.layout,
                path != null ? path : base.path,
                keyPath != null ? keyPath : base.keyPath,
                mode != null ? mode : base.mode,
                application != null ? application : base.application,
                namespace != null ? namespace : base.namespace,
                syncTimeout != null ? syncTimeout : base.syncTimeout,
                credentialRef != null ? credentialRef : base.credentialRef);
    }

    boolean isEmpty() {
        return equals(none());
    }

    /** Defaults: branch main, mode Argo CD with an Application per service and environment, 600 s to sync. */
    GitOpsDefinition resolve() {
        DeployModeKind resolvedMode = mode == null ? DeployModeKind.ARGO_CD : mode;
        String resolvedApplication =
                application == null && resolvedMode == DeployModeKind.ARGO_CD ? DEFAULT_APPLICATION : application;
        Duration timeout = syncTimeout == null ? DEFAULT_SYNC_TIMEOUT : syncTimeout;
        return new GitOpsDefinition(
                repository == null ? null : repository.value(),
                branch == null ? "main" : branch,
                layout == null ? null : layout.value(),
                path == null ? null : path.value(),
                keyPath,
                resolvedMode,
                resolvedApplication,
                namespace,
                (int) Math.ceil(timeout.toMillis() / 1000.0),
                credentialRef);
    }

    private static Duration syncTimeout(YamlMap map) {
        Duration timeout = map.duration("syncTimeout").orElse(null);
        if (timeout != null && (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_SYNC) > 0)) {
            map.problems()
                    .add(
                            map.value("syncTimeout").orElseThrow(),
                            map.path("syncTimeout"),
                            "must be between 1s and 24h, was " + DurationText.format(timeout));
            return null;
        }
        return timeout;
    }
}
