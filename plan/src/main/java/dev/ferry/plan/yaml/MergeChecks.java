package dev.ferry.plan.yaml;

import dev.ferry.plan.action.Merge;
import java.util.ArrayList;
import java.util.List;

/**
 * The repositories a merge lists, each read as the worker will read it, and the directories they land in: one inside
 * another would mix two histories in one folder.
 */
final class MergeChecks {

    private final Problems problems;

    MergeChecks(Problems problems) {
        this.problems = problems;
    }

    void check(PhaseDraft phase) {
        var directories = new ArrayList<String>();
        for (Located<String> entry : phase.map().strings(Merge.REPOSITORIES).orElse(List.of())) {
            try {
                String directory = Merge.Incoming.parse(entry.value()).directory();
                for (String earlier : directories) {
                    if (earlier.equals(directory)
                            || earlier.startsWith(directory + "/")
                            || directory.startsWith(earlier + "/")) {
                        problems.add(
                                entry.node(),
                                entry.path(),
                                "directories " + earlier + "/ and " + directory + "/ overlap: give each repository"
                                        + " a directory of its own");
                    }
                }
                directories.add(directory);
            } catch (IllegalArgumentException e) {
                problems.add(entry.node(), entry.path(), e.getMessage());
            }
        }
    }
}
