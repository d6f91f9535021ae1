package dev.ferry.repo.app;

import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.plan.action.Restore;
import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.repo.jgit.BranchRestorer;
import dev.ferry.repo.jgit.GitRemote;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.jgit.lib.Repository;

/**
 * A {@code restore} phase: the source repository's branch put back on its backup tag once (see {@link Restore} and
 * {@link BranchRestorer}); every service of the phase reports the same result.
 */
final class RestorePhase {

    private final SourceWorkspace workspace;
    private final OncePerSource once;

    RestorePhase(SourceWorkspace workspace, OncePerSource once) {
        this.workspace = workspace;
        this.once = once;
    }

    List<SpecificRecord> run(PhaseStarted phase) {
        return once.run(phase, this::restore);
    }

    private Map<String, String> restore(PhaseStarted phase, List<ServiceWork> group) {
        ServiceWork first = group.getFirst();
        Map<String, String> settings = phase.getSettings();
        String branch = settings.getOrDefault(Restore.BRANCH, first.getSource().getBranch());
        String tag = settings.get(Restore.BACKUP_TAG);
        if (tag == null || tag.isBlank()) {
            throw new SplitFailure(SplitFailure.Kind.INVALID_REQUEST, "a restore names no backupTag to go back to");
        }
        GitRemote remote = GitRemote.of(first.getSource().getRepository(), workspace.sourceToken(first));
        BranchRestorer.Restored restored;
        try (Repository source = workspace.mirror(remote, branch);
                Repository work = workspace.workRepositoryFor(source, remote)) {
            restored = new BranchRestorer(work).restore(source, remote, branch, tag, Restore.forces(settings));
        }
        var outputs = new LinkedHashMap<String, String>();
        outputs.put(Restore.RESTORED_COMMIT, restored.commit().name());
        outputs.put(Restore.COMMITS_DROPPED, String.join(",", restored.dropped()));
        return outputs;
    }
}
