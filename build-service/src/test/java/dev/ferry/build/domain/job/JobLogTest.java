package dev.ferry.build.domain.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What Ferry keeps of a job's output: the newest lines within the bound, credentials masked before anyone sees them. */
class JobLogTest {

    @Test
    void keepsTheNewestLinesWithinTheBoundAndSaysHowManyWereDropped() {
        var log = new JobLog(Set.of(), 100, line -> {});

        for (int i = 1; i <= 1000; i++) {
            log.line(Integer.toString(i));
        }

        assertThat(log.text())
                .startsWith("[976 earlier lines of 1000 dropped: Ferry keeps the last 100 bytes of a job's"
                        + " output]\n977\n")
                .endsWith("\n999\n1000\n");
        assertThat(log.tail(2)).containsExactly("999", "1000");
        assertThat(log.linesDropped()).isEqualTo(976);
    }

    @Test
    void masksEveryCredentialBeforeTheWatchersSeeTheLineTheLongestFirst() {
        var watched = new ArrayList<String>();
        var log = new JobLog(Set.of("s3cret", "s3cret-and-more"), 10_000, watched::add);

        log.line("url=postgres://u:s3cret-and-more@db password=s3cret");

        assertThat(watched).containsExactly("url=postgres://u:***@db password=***");
        assertThat(log.text()).doesNotContain("s3cret");
    }

    @Test
    void cutsALineThatNeverEnds() {
        var log = new JobLog(Set.of(), 1_000_000, line -> {});

        log.line("x".repeat(10_000));

        List<String> tail = log.tail(1);
        assertThat(tail.getFirst())
                .hasSize(JobLog.MAX_LINE + " [line cut]".length())
                .endsWith(" [line cut]");
    }
}
