package dev.ferry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DnsLabelTest {

    @ParameterizedTest
    @ValueSource(strings = {"api-gateway", "user-service", "a", "web2", "3d"})
    void acceptsDnsLabels(String name) {
        assertThat(DnsLabel.problem(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Api", "api_gateway", "-api", "api-", "api.gateway", "", "api gateway"})
    void rejectsWhatIsNotADnsLabel(String name) {
        assertThat(DnsLabel.problem(name)).hasValueSatisfying(p -> assertThat(p).startsWith("is not a valid name"));
    }

    @Test
    void suggestsAValidSpelling() {
        assertThat(DnsLabel.problem("User_Service"))
                .hasValueSatisfying(p -> assertThat(p).endsWith("(e.g. \"user-service\")"));
    }

    @Test
    void rejectsNamesLongerThan63Characters() {
        assertThat(DnsLabel.problem("a".repeat(64))).contains("is 64 characters long; at most 63 are allowed");
        assertThat(DnsLabel.problem("a".repeat(63))).isEmpty();
    }
}
