package dev.ferry.build.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.BuildRequest;
import dev.ferry.build.domain.TagPromotion;
import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.ImageSpec;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.PriorResults;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceSpec;
import dev.ferry.contracts.avro.TargetRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceWorkMappingTest {

    private static final String SPLIT = "1111111111111111111111111111111111111111";
    private static final String SCAFFOLDED = "2222222222222222222222222222222222222222";

    @Test
    void buildsTheHeadAScaffoldPhaseLeftWhereTheRepositorysOwnCiRuns() {
        var prior = PriorResults.newBuilder()
                .setSplitCommit(SPLIT)
                .setOutputs(Map.of("splitCommit", SPLIT, "headCommit", SCAFFOLDED))
                .build();

        assertThat(ServiceWorkMapping.request(phase(), work(prior)).commit()).isEqualTo(SCAFFOLDED);
    }

    @Test
    void buildsTheSplitCommitWhenNoScaffoldRanBefore() {
        var prior = PriorResults.newBuilder()
                .setSplitCommit(SPLIT)
                .setOutputs(Map.of("splitCommit", SPLIT))
                .build();

        assertThat(ServiceWorkMapping.request(phase(), work(prior)).commit()).isEqualTo(SPLIT);
    }

    @Test
    void buildsAFolderOfTheSourceAtItsHeadWhenThePhaseNamesAContext() {
        var prior = PriorResults.newBuilder().setOutputs(Map.of()).build();
        var work = work(prior);
        work.setTarget(null);

        BuildRequest request = ServiceWorkMapping.request(phase(Map.of("context", "{path}")), work);

        assertThat(request.repository()).isEqualTo("monorepo");
        assertThat(request.commit()).isEqualTo("refs/remotes/origin/main");
        assertThat(request.contextPath()).isEqualTo("services/user-service");
    }

    @Test
    void refusesAContextBuildWithTheRepositorysOwnWorkflow() {
        var work = work(PriorResults.newBuilder().setOutputs(Map.of()).build());
        work.getImage().setBuilder("github-actions");

        assertThatThrownBy(() -> ServiceWorkMapping.request(phase(Map.of("context", "services/{service}")), work))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("services/{service}")
                .hasMessageContaining("github-actions");
    }

    @Test
    void buildsThePushedCommitOfTheServicesOwnRepositoryInAContinuousDelivery() {
        String pushed = "3333333333333333333333333333333333333333";
        String own = "https://github.com/acme/user-service.git";
        var work = work(PriorResults.newBuilder().setOutputs(Map.of()).build());
        work.setSource(new SourceSpec(own, "main", "", pushed));

        BuildRequest request = ServiceWorkMapping.request(phase(Map.of("context", "")), work);
        work.getImage().setBuilder("github-actions");
        BuildRequest byItsOwnCi = ServiceWorkMapping.request(phase(Map.of("context", "")), work);

        assertThat(List.of(request, byItsOwnCi)).allSatisfy(built -> {
            assertThat(built.repository()).isEqualTo(own);
            assertThat(built.commit()).isEqualTo(pushed);
            assertThat(built.contextPath()).isEmpty();
        });
    }

    @Test
    void aBuildStopsAtThePhasesTimeout() {
        var work = work(PriorResults.newBuilder()
                .setSplitCommit(SPLIT)
                .setOutputs(Map.of())
                .build());
        PhaseStarted phase = phase();
        phase.setTimeoutSeconds(900L);

        assertThat(ServiceWorkMapping.request(phase, work).image().deadline()).isEqualTo(Duration.ofMinutes(15));
        assertThat(ServiceWorkMapping.request(phase(), work).image().deadline()).isNull();
    }

    @Test
    void tagsTheDigestTheEnvironmentVerifiedWithTheTagFilledInForItsEnvironment() {
        String verified = "sha256:" + "ab".repeat(32);
        PhaseStarted phase = phase(Map.of("tag", "{service}-{env}"));
        phase.setAction(PhaseAction.TAG_IMAGE);
        phase.setEnvironment("staging");
        var work = work(PriorResults.newBuilder()
                .setImageDigest(verified)
                .setOutputs(Map.of())
                .build());

        TagPromotion promotion = ServiceWorkMapping.promotion(phase, work);

        assertThat(promotion.tag()).isEqualTo("user-service-staging");
        assertThat(promotion.digest()).isEqualTo(verified);
        assertThat(promotion.image().repository()).isEqualTo("fitsync");
    }

    @Test
    void refusesToTagWhenTheDeployReportedNoDigest() {
        PhaseStarted phase = phase(Map.of("tag", "{service}-{env}"));
        phase.setEnvironment("dev");
        var work = work(PriorResults.newBuilder().setOutputs(Map.of()).build());

        assertThatThrownBy(() -> ServiceWorkMapping.promotion(phase, work))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("service user-service has no verified digest to tag")
                .hasMessageContaining("must report imageDigest");
    }

    private static PhaseStarted phase() {
        return phase(Map.of());
    }

    private static PhaseStarted phase(Map<String, String> settings) {
        return PhaseStarted.newBuilder()
                .setMetadata(MetadataFactory.forProducer("planner-service", Clock.systemUTC())
                        .first("m-1"))
                .setPlanName("fitsync")
                .setPhase("build")
                .setAction(PhaseAction.BUILD)
                .setServices(List.of())
                .setSettings(Map.copyOf(settings))
                .build();
    }

    private static ServiceWork work(PriorResults prior) {
        return ServiceWork.newBuilder()
                .setService("user-service")
                .setSource(new SourceSpec("monorepo", "main", "services/user-service", null))
                .setTarget(TargetRepository.newBuilder()
                        .setRepository("https://github.com/acme/user-service.git")
                        .build())
                .setImage(ImageSpec.newBuilder()
                        .setRegistry("localhost:5000")
                        .setRepository("fitsync")
                        .setTagTemplate("{service}-{sha}")
                        .build())
                .setPrior(prior)
                .build();
    }
}
