package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Checks that a test's secrets show nowhere a person could read them: in the events runs published, or in the log. */
final class NoSecrets {

    private NoSecrets() {}

    static void assertNoneIn(List<String> secrets, String log, PlanRuns.Run... runs) {
        for (PlanRuns.Run run : runs) {
            for (SpecificRecord record : run.records()) {
                assertNoneIn(
                        secrets,
                        record.toString(),
                        "event " + record.getSchema().getName());
            }
        }
        assertNoneIn(secrets, log, "the log");
    }

    private static void assertNoneIn(List<String> secrets, String text, String where) {
        for (String secret : secrets) {
            assertThat(text).as("%s holds a secret", where).doesNotContain(secret);
        }
    }
}
