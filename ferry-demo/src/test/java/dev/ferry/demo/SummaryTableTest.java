package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.demo.DemoReport.ServiceResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

    @Test
    void linesUpOneRowPerServiceAndShowsMissingResultsAsDashes() {
        var done = new ServiceResult(
                "user-service",
                501L,
                "bfd9de82d8fc7debc279ec40fd3e0f9b6d30f3ab",
                "sha256:c43f4dbdd37060271a2776f859018b87129b59344406427e94fba522f18710a9",
                Map.of("dev", "645ec7873cc5cea0", "prod", "d5f90587b14c9a0b"),
                Duration.ofMillis(7_340));
        var failedBuild =
                new ServiceResult("frontend", 47L, "3bb2ad2b533d893fbcb7105a9d61632bf12bd7a0", null, Map.of(), null);

        List<String> lines = SummaryTable.lines(List.of(done, failedBuild), "prod");

        assertThat(lines)
                .containsExactly(
                        "service       commits  split SHA     image digest         GitOps commit (prod)  lead time",
                        "------------  -------  ------------  -------------------  --------------------  ---------",
                        "user-service      501  bfd9de82d8fc  sha256:c43f4dbdd370  d5f90587b14c              7.3 s",
                        "frontend           47  3bb2ad2b533d  -                    -                             -");
    }
}
