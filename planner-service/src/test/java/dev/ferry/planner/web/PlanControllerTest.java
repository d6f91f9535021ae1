package dev.ferry.planner.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.CredentialHosts;
import dev.ferry.plan.DryRun;
import dev.ferry.plan.yaml.PlanProblem;
import dev.ferry.planner.yaml.YamlPlanDocuments;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /plans/dry-run}: a plan is checked as a start command's would be, credential bindings included. */
class PlanControllerTest {

    private final PlanController plans = new PlanController(
            null, new YamlPlanDocuments(new CredentialHosts(Map.of("github-token", List.of("github.com")))));

    @Test
    void answersAValidPlanWithItsDryRun() throws IOException {
        var answer = plans.dryRun("shop", body(shop()));

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody().valid()).isTrue();
        assertThat(answer.getBody().planName()).isEqualTo("shop");
        assertThat(answer.getBody().dryRun().services())
                .extracting(DryRun.Service::name)
                .containsExactly("cart", "orders", "web");
    }

    @Test
    void refusesAPlanThatWouldSendACredentialToAHostItIsNotBoundTo() throws IOException {
        String evil = shop().replace(
                        "      repository: /targets/{service}.git",
                        "      repository: https://git.evil.example/{service}.git\n      credentialRef: github-token");

        var answer = plans.dryRun("evil", body(evil));

        assertThat(answer.getStatusCode().value()).isEqualTo(422);
        assertThat(answer.getBody().dryRun()).isNull();
        assertThat(answer.getBody().problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("evil.yaml");
            assertThat(problem.path()).isEqualTo("defaults.target.repository");
            assertThat(problem.message()).contains("credential github-token may be sent only to github.com");
        });
    }

    @Test
    void saysWhatToSendForAnEmptyBody() throws IOException {
        var answer = plans.dryRun("plan", body(" \n"));

        assertThat(answer.getStatusCode().value()).isEqualTo(422);
        assertThat(answer.getBody().problems())
                .extracting(PlanProblem::message)
                .containsExactly("the body is empty; send the plan's YAML text");
    }

    @Test
    void readsNoMoreOfABodyThanAPlanCouldBe() throws IOException {
        var endless = new InputStream() {
            long read;

            @Override
            public int read() {
                read++;
                return 'a';
            }
        };

        var answer = plans.dryRun("plan", endless);

        assertThat(answer.getStatusCode().value()).isEqualTo(422);
        assertThat(answer.getBody().problems().getFirst().message()).startsWith("the plan is over 1048576 bytes");
        assertThat(endless.read).isEqualTo(PlanController.MAX_PLAN_BYTES + 1);
    }

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String shop() throws IOException {
        try (InputStream in = PlanControllerTest.class.getResourceAsStream("/plans/shop.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
