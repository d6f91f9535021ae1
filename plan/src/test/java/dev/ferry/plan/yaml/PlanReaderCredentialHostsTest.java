package dev.ferry.plan.yaml;

import static dev.ferry.plan.yaml.Plans.validWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.plan.CredentialHosts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Configuration binds each credential to the hosts it may be sent to; a plan that points a credential at another host
 * is refused where that address is written.
 */
class PlanReaderCredentialHostsTest {

    private static final CredentialHosts BOUND = new CredentialHosts(Map.of(
            "github-token", List.of("github.com", "api.github.com"),
            "ecr", List.of("*.dkr.ecr.us-east-2.amazonaws.com")));

    /** The valid plan with a credential for the targets, the registry and the GitOps repository. */
    private static String withCredentials(String targetHost, String registryHost, String gitopsCredential) {
        return validWith(
                        "      repository: https://github.com/acme/shop-{service}.git",
                        "      repository: https://" + targetHost + "/acme/shop-{service}.git\n"
                                + "      credentialRef: github-token")
                .replace("    host: registry.example.com", "    host: " + registryHost + "\n    credentialRef: ecr")
                .replace(
                        "    repository: https://github.com/acme/gitops.git",
                        "    repository: https://github.com/acme/gitops.git\n    credentialRef: " + gitopsCredential);
    }

    private static List<String> problems(String yaml) {
        return catchThrowableOfType(InvalidPlanException.class, () -> PlanReader.read("plan.yaml", yaml, BOUND))
                .problems()
                .stream()
                .map(PlanProblem::toString)
                .toList();
    }

    @Test
    void takesCredentialsSentOnlyToTheirHosts() {
        var plan = PlanReader.read(
                "plan.yaml",
                withCredentials("github.com", "123456789012.dkr.ecr.us-east-2.amazonaws.com", "github-token"),
                BOUND);

        assertThat(plan.services()).hasSize(2);
    }

    @Test
    void refusesATokenPointedAtAnotherHostWhereTheAddressIsWritten() {
        assertThat(problems(withCredentials("git.evil.example", "evil.example:5000", "github-token")))
                .containsExactly(
                        "plan.yaml:10:19 defaults.target.repository: credential github-token may be sent only to"
                                + " github.com, api.github.com, not to git.evil.example",
                        "plan.yaml:13:11 registry.host: credential ecr may be sent only to"
                                + " *.dkr.ecr.us-east-2.amazonaws.com, not to evil.example");
    }

    @Test
    void refusesACredentialConfigurationBindsToNoHost() {
        assertThat(problems(withCredentials("github.com", "1.dkr.ecr.us-east-2.amazonaws.com", "ops-token")))
                .singleElement()
                .asString()
                .contains("gitops.repository: credential ops-token is bound to no host")
                .contains("bound credentials:");
    }

    @Test
    void checksNothingWhenConfigurationBindsNoCredential() {
        var plan = PlanReader.read(
                "plan.yaml",
                withCredentials("git.elsewhere.example", "registry.example.com", "anything"),
                CredentialHosts.unrestricted());

        assertThat(plan.services()).hasSize(2);
    }
}
