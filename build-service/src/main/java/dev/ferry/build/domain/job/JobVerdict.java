package dev.ferry.build.domain.job;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.plan.action.Run;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a job that ended passes its step: exit code 0 and, when the plan asks, output that matches. A pass is the
 * step's outputs by the catalogue's names; anything else is a {@link BuildFailure} with the job's last lines, which is
 * what a person reads first to see why.
 */
public final class JobVerdict {

    private JobVerdict() {}

    /** The step's outputs for a job that passed; throws the step's failure otherwise. */
    public static Map<String, String> judge(
            JobSpec job, JobEnd end, Optional<Pattern> expectOutput, JobLog log, String logUrl) {
        List<String> tail = log.tail(Run.TAIL_LINES);
        if (end.timedOut()) {
            throw failure(
                    FailureKind.TIMEOUT,
                    "job " + job.name() + " for " + job.service() + " did not end within " + job.deadline()
                            + " and was stopped",
                    tail,
                    logUrl);
        }
        if (end.exitCode() != 0) {
            throw failure(
                    FailureKind.INVALID_INPUT,
                    "job " + job.name() + " for " + job.service() + " exited with code " + end.exitCode(),
                    tail,
                    logUrl);
        }
        if (expectOutput.isPresent() && !expectOutput.get().matcher(log.text()).find()) {
            throw failure(
                    FailureKind.INVALID_INPUT,
                    "job " + job.name() + " for " + job.service() + " exited with code 0, but its output does not"
                            + " match /" + expectOutput.get().pattern() + "/",
                    tail,
                    logUrl);
        }
        var outputs = new LinkedHashMap<String, String>();
        outputs.put(Run.EXIT_CODE, Integer.toString(end.exitCode()));
        outputs.put(Run.OUTPUT_TAIL, String.join("\n", tail));
        outputs.put(Run.LOG_URL, logUrl);
        outputs.put(Run.JOB_NAME, job.name());
        outputs.put(Run.RAN_ON, job.place().planName());
        if (job.image() != null) {
            outputs.put(Run.IMAGE_RAN, job.image());
        }
        return outputs;
    }

    private static BuildFailure failure(FailureKind kind, String what, List<String> tail, String logUrl) {
        String lines = tail.isEmpty() ? "; it printed nothing" : "; its last lines:\n" + String.join("\n", tail);
        return BuildFailure.permanent(kind, what + lines).withDetailsUrl(logUrl);
    }
}
