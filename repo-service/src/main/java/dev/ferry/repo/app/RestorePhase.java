package dev.ferry.repo.app;

import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.plan.action.Restore;
import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.repo.jgit.BranchRestorer;
import dev.ferry.repo.jgit.GitRemote;
import dev.ferry.repo.jgit.RepositoryRestructurer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

/**
 * A {@code restore} phase: the source repository's branch put back on its backup tag once, by moving it or by a revert
 * commit (see {@link Restore} and {@link BranchRestorer}); every service of the phase reports the same result.
 */
final class RestorePhase {

    private final SourceWorkspace workspace;
    private final OncePerSource once;
    private final Clock clock;

    RestorePhase(SourceWorkspace workspace, OncePerSource once, Clock clock) {
        this.workspace = workspace;
        this.once = once;
        this.clock = clock;
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
            var restorer = new BranchRestorer(work);
            restored = Restore.reverts(settings)
                    ? restorer.revert(
                            source,
                            remote,
                            branch,
                            tag,
                            Restore.forces(settings),
                            new PersonIdent("Ferry", "ferry@noreply.ferry.dev", clock.instant(), ZoneOffset.UTC),
                            message(phase, branch, tag))
                    : restorer.restore(source, remote, branch, tag, Restore.forces(settings));
        }
        String commits = String.join(",", restored.commits());
        var outputs = new LinkedHashMap<String, String>();
        outputs.put(Restore.RESTORED_COMMIT, restored.commit().name());
        outputs.put(Restore.COMMITS_DROPPED, Restore.reverts(settings) ? "" : commits);
        outputs.put(Restore.COMMITS_REVERTED, Restore.reverts(settings) ? commits : "");
        return outputs;
    }

    private static RepositoryRestructurer.Message message(PhaseStarted phase, String branch, String tag) {
        String migration = phase.getMetadata().getMigrationId();
        return new RepositoryRestructurer.Message(
                "Revert " + branch + " to backup tag " + tag + ": phase " + phase.getPhase() + " of plan "
                        + phase.getPlanName() + "\n\n"
                        + "Ferry migration " + migration + ". The tree of this commit is the tree of " + tag
                        + "; the commits since stay in the history.",
                migration + "/" + phase.getPhase());
    }
}
