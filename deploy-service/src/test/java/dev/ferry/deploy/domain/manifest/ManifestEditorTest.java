package dev.ferry.deploy.domain.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.deploy.domain.ImageVersion;
import dev.ferry.deploy.domain.KeyPath;
import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.deploy.domain.TagLocation;
import org.junit.jupiter.api.Test;

class ManifestEditorTest {

    /** Seed 000's production values, as a person would keep them: comments, anchors, quoting, odd spacing. */
    static final String FITSYNC_VALUES = """
            # Environment-specific overrides for prod — do not edit by hand during a release 🚀
            environment: production
            defaults: &defaults
              pullPolicy: IfNotPresent   # keep
              repository: fitsync-ecr
            images:
              registry: 123456789012.dkr.ecr.us-east-2.amazonaws.com/fitsync-ecr

              apiGateway:
                <<: *defaults
                tag: api-gateway-abc123     # pinned by CI
              userService:
                <<: *defaults
                tag: "user-service-def456"
              trainingService:
                repository: fitsync-ecr
                tag: 'training-service-0a1b2c'
              frontend: {repository: fitsync-ecr, tag: frontend-latest}
            replicas: 3
            """;

    @Test
    void changesOnlyTheTagOfTheSeedsNestedKeyKeepingItsQuotes() {
        var result = edit(FITSYNC_VALUES, helm("images.userService.tag"), "user-service-9f8e7d6");

        assertThat(result).isEqualTo(FITSYNC_VALUES.replace("user-service-def456", "user-service-9f8e7d6"));
    }

    @Test
    void keepsTheCommentAfterAPlainValue() {
        var result = edit(FITSYNC_VALUES, helm("images.apiGateway.tag"), "api-gateway-1234567");

        assertThat(result).contains("    tag: api-gateway-1234567     # pinned by CI\n");
        assertThat(result.replace("api-gateway-1234567", "api-gateway-abc123")).isEqualTo(FITSYNC_VALUES);
    }

    @Test
    void keepsSingleQuotesAndFlowMappings() {
        assertThat(edit(FITSYNC_VALUES, helm("images.trainingService.tag"), "training-service-ffff"))
                .contains("tag: 'training-service-ffff'");
        assertThat(edit(FITSYNC_VALUES, helm("images.frontend.tag"), "frontend-1"))
                .contains("frontend: {repository: fitsync-ecr, tag: frontend-1}");
    }

    @Test
    void reportsAFileThatAlreadyHoldsTheTagAsUnchanged() {
        var result = ManifestEditor.edit(
                "values.yaml",
                FITSYNC_VALUES,
                helm("images.userService.tag"),
                ImageVersion.tagged("user-service-def456"));

        assertThat(result).isInstanceOf(EditResult.AlreadyCurrent.class);
    }

    @Test
    void quotesAPlainTagThatWouldOtherwiseReadAsANumber() {
        var result = edit("image:\n  tag: v1\n", helm("image.tag"), "1.10");

        assertThat(result).isEqualTo("image:\n  tag: \"1.10\"\n");
    }

    @Test
    void refusesAValueSharedThroughAnAnchor() {
        var shared = """
                base: &tag user-service-1
                image:
                  tag: *tag
                other:
                  tag: *tag
                """;

        assertThatThrownBy(() -> edit(shared, helm("image.tag"), "user-service-2"))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("values.yaml at image.tag is shared through a YAML anchor (line 1)");
    }

    @Test
    void editsAnAnchoredValueUsedOnlyOnceKeepingItsAnchor() {
        assertThat(edit("image:\n  tag: &t old # c\n", helm("image.tag"), "new"))
                .isEqualTo("image:\n  tag: &t new # c\n");
    }

    @Test
    void saysWhichKeyIsMissingAndWhereTheLookupStopped() {
        assertThatThrownBy(() -> edit(FITSYNC_VALUES, helm("images.scheduleService.tag"), "x"))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("values.yaml has no key 'scheduleService' under images")
                .extracting(e -> ((StepFailure) e).kind())
                .isEqualTo(StepFailure.Kind.NOT_FOUND);
    }

    @Test
    void refusesAKeyThatOnlyExistsThroughAMergeKey() {
        assertThatThrownBy(() -> edit(FITSYNC_VALUES, helm("images.apiGateway.repository"), "x"))
                .hasMessageContaining("inherited through a merge key");
    }

    @Test
    void pointsAtTheLineOfInvalidYaml() {
        assertThatThrownBy(() -> edit("image:\n  tag: [unclosed\n", helm("image.tag"), "x"))
                .isInstanceOf(StepFailure.class)
                .hasMessageStartingWith("values.yaml is not valid YAML at line 3");
    }

    @Test
    void refusesAKeyPathThatEndsAtAMapping() {
        assertThatThrownBy(() -> edit(FITSYNC_VALUES, helm("images.userService"), "x"))
                .hasMessageContaining(
                        "not a scalar; point the key path at the tag itself, e.g. images.userService.tag");
    }

    /** Seed 001's overlay, with the kustomization a person keeps beside the generated one. */
    static final String AUTH_OVERLAY = """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
            - ../../base   # shared base
            namespace: auth-dev
            images:
            - name: registry.gitlab.com/ta-microservices/catalog
              newTag: "v1.4.0"
            - name: auth
              newTag: 3f2a9c1  # set by Ferry
            """;

    @Test
    void setsTheNewTagOfTheNamedKustomizeImage() {
        var result = edit(AUTH_OVERLAY, new TagLocation.KustomizeImage("auth"), "4b5c6d7");

        assertThat(result).isEqualTo(AUTH_OVERLAY.replace("newTag: 3f2a9c1", "newTag: 4b5c6d7"));
    }

    @Test
    void findsAKustomizeImageByTheLastSegmentOfItsName() {
        var result = edit(AUTH_OVERLAY, new TagLocation.KustomizeImage("catalog"), "v1.5.0");

        assertThat(result).isEqualTo(AUTH_OVERLAY.replace("\"v1.4.0\"", "\"v1.5.0\""));
    }

    @Test
    void addsANewTagLineUnderAnEntryThatHasNone() {
        var overlay = "images:\n  - name: auth\n    newName: registry.example/auth # mirror\nnamespace: x\n";

        var result = edit(overlay, new TagLocation.KustomizeImage("auth"), "abc");

        assertThat(result)
                .isEqualTo("images:\n  - name: auth\n    newTag: abc\n    newName: registry.example/auth # mirror\n"
                        + "namespace: x\n");
    }

    @Test
    void updatesAPinnedDigestAndTagTogether() {
        String oldDigest = "sha256:" + "a".repeat(64);
        String newDigest = "sha256:" + "b".repeat(64);
        var overlay = "images:\n- name: auth\n  newTag: v1\n  digest: " + oldDigest + "\n";

        var result = ManifestEditor.edit(
                "kustomization.yaml",
                overlay,
                new TagLocation.KustomizeImage("auth"),
                ImageVersion.of("v2", newDigest));

        assertThat(((EditResult.Changed) result).text())
                .isEqualTo("images:\n- name: auth\n  newTag: v2\n  digest: " + newDigest + "\n");
    }

    @Test
    void pinsTheVerifiedDigestNextToTheTagItWrites() {
        String digest = "sha256:" + "b".repeat(64);
        var overlay = "images:\n- name: auth\n  newName: registry.example/auth\n  newTag: v1 # set by Ferry\n";

        var result = editAuth(overlay, ImageVersion.of("v2", digest));

        assertThat(result.text())
                .isEqualTo("images:\n- name: auth\n  newName: registry.example/auth\n  newTag: v2 # set by Ferry\n"
                        + "  digest: " + digest + "\n");
        assertThat(result.previous()).isEqualTo("v1");
    }

    @Test
    void givesAnEntryWithNeitherTagNorDigestBoth() {
        String digest = "sha256:" + "b".repeat(64);

        var result = editAuth("images:\n- name: auth\nnamespace: x\n", ImageVersion.of("v2", digest));

        assertThat(result.text())
                .isEqualTo("images:\n- name: auth\n  newTag: v2\n  digest: " + digest + "\nnamespace: x\n");
    }

    @Test
    void dropsThePinWhenRestoringATagWhoseDigestIsNotKnown() {
        var overlay = "images:\n- name: auth\n  newTag: v2\n  digest: sha256:" + "b".repeat(64) + "\nnamespace: x\n";

        var result = editAuth(overlay, ImageVersion.tagged("v1"));

        assertThat(result.text()).isEqualTo("images:\n- name: auth\n  newTag: v1\nnamespace: x\n");
        assertThat(result.previous())
                .as("what a rollback of this write would restore, pin included")
                .isEqualTo("v2@sha256:" + "b".repeat(64));
    }

    private static EditResult.Changed editAuth(String overlay, ImageVersion version) {
        return (EditResult.Changed)
                ManifestEditor.edit("kustomization.yaml", overlay, new TagLocation.KustomizeImage("auth"), version);
    }

    @Test
    void refusesToLeaveAStaleDigestInFrontOfANewTag() {
        var overlay = "images:\n- name: auth\n  digest: sha256:" + "a".repeat(64) + "\n";

        assertThatThrownBy(() -> edit(overlay, new TagLocation.KustomizeImage("auth"), "v2"))
                .hasMessageContaining("pins a digest, which Kustomize prefers over newTag");
    }

    @Test
    void listsTheEntriesWhenNoKustomizeImageMatches() {
        assertThatThrownBy(() -> edit(AUTH_OVERLAY, new TagLocation.KustomizeImage("payment"), "v2"))
                .hasMessageContaining("no images[] entry named 'payment' (entries: "
                        + "registry.gitlab.com/ta-microservices/catalog, auth)");
    }

    static final String PLAIN_MANIFESTS = """
            apiVersion: v1
            kind: Service
            metadata: {name: auth}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: auth
            spec:
              template:
                spec:
                  initContainers:
                    - name: migrate
                      image: localhost:5000/auth-migrate:v1
                  containers:
                    - name: auth   # main container
                      image: localhost:5000/ta/auth:v1.0.0
                      ports: [{containerPort: 80}]
                    - name: envoy
                      image: envoyproxy/envoy:v1.30
            """;

    @Test
    void changesTheTagOfTheNamedContainerKeepingItsRepositoryAndRegistryPort() {
        var result = edit(PLAIN_MANIFESTS, new TagLocation.ContainerImage("auth"), "v1.1.0");

        assertThat(result).isEqualTo(PLAIN_MANIFESTS.replace("ta/auth:v1.0.0", "ta/auth:v1.1.0"));
    }

    @Test
    void pinsTheDigestNextToTheTagWhenTheBuildReportedOne() {
        String digest = "sha256:" + "c".repeat(64);
        var result = ManifestEditor.edit(
                "deploy.yaml",
                PLAIN_MANIFESTS,
                new TagLocation.ContainerImage("envoy"),
                ImageVersion.of("v1.31", digest));

        assertThat(((EditResult.Changed) result).text()).contains("image: envoyproxy/envoy:v1.31@" + digest + "\n");
    }

    @Test
    void namesTheContainersThereAreWhenNoneMatches() {
        assertThatThrownBy(() -> edit(PLAIN_MANIFESTS, new TagLocation.ContainerImage("web"), "v2"))
                .hasMessageContaining(
                        "no container named 'web' in a workload (containers found: migrate, auth, envoy)");
    }

    @Test
    void keepsWindowsLineEndings() {
        var crlf = "images:\r\n- name: auth\r\n  newName: x\r\n";

        assertThat(edit(crlf, new TagLocation.KustomizeImage("auth"), "v3"))
                .isEqualTo("images:\r\n- name: auth\r\n  newTag: v3\r\n  newName: x\r\n");
    }

    private static TagLocation helm(String path) {
        return new TagLocation.HelmValue(KeyPath.parse(path));
    }

    private static String edit(String text, TagLocation location, String tag) {
        var file =
                switch (location) {
                    case TagLocation.HelmValue h -> "values.yaml";
                    case TagLocation.KustomizeImage k -> "kustomization.yaml";
                    case TagLocation.ContainerImage c -> "deploy.yaml";
                };
        var result = ManifestEditor.edit(file, text, location, ImageVersion.tagged(tag));
        assertThat(result).isInstanceOf(EditResult.Changed.class);
        return ((EditResult.Changed) result).text();
    }
}
