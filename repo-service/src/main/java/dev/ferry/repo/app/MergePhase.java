package dev.ferry.repo.app;

import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.plan.action.Merge;
import dev.ferry.repo.domain.ServicePath;
import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.repo.jgit.GitRemote;
import dev.ferry.repo.jgit.RepositoryMerger;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

/**
 * A {@code merge} phase: the repositories the phase lists brought into the source repository (the monorepo), each
 * under its directory, once for the phase (see {@link Merge} and {@link RepositoryMerger}); every service of the phase
 * reports the same result. The merged repositories are read with the source's credential.
 */
final class MergePhase {

    private final SourceWorkspace workspace;
    private final OncePerSource once;
    private final Clock clock;

    MergePhase(SourceWorkspace workspace, OncePerSource once, Clock clock) {
        this.workspace = workspace;
        this.once = once;
        this.clock = clock;
    }

    List<SpecificRecord> run(PhaseStarted phase) {
        return once.run(phase, this::merge);
    }

    private Map<String, String> merge(PhaseStarted phase, List<ServiceWork> group) {
        ServiceWork first = group.getFirst();
        Map<String, String> settings = phase.getSettings();
        List<Merge.Incoming> listed = incoming(settings);
        String branch = settings.getOrDefault(Merge.BRANCH, first.getSource().getBranch());
        Optional<String> token = workspace.sourceToken(first);
        GitRemote target = GitRemote.of(first.getSource().getRepository(), token);
        var mirrors = new ArrayList<Repository>();
        try (Repository monorepo = workspace.mirror(target, branch)) {
            var incoming = new ArrayList<RepositoryMerger.Incoming>();
            for (Merge.Incoming in : listed) {
                GitRemote remote = GitRemote.of(in.repository(), token);
                Repository mirror = workspace.mirror(remote, in.branch());
                mirrors.add(mirror);
                incoming.add(new RepositoryMerger.Incoming(
                        mirror, in.branch(), ServicePath.of(in.directory()), remote.redacted()));
            }
            try (Repository work = workspace.mergeRepositoryFor(monorepo, target, mirrors)) {
                RepositoryMerger.Outcome outcome = new RepositoryMerger(work)
                        .setOctopus(Merge.octopus(settings))
                        .setPrefixTags(Merge.prefixesTags(settings))
                        .merge(
                                target,
                                branch,
                                incoming,
                                new PersonIdent("Ferry", "ferry@noreply.ferry.dev", clock.instant(), ZoneOffset.UTC),
                                "Ferry migration " + phase.getMetadata().getMigrationId() + ", phase "
                                        + phase.getPhase() + " of plan " + phase.getPlanName()
                                        + ": history rewritten as git filter-repo --to-subdirectory-filter does.\n");
                return outputs(outcome);
            }
        } finally {
            mirrors.forEach(Repository::close);
        }
    }

    private static List<Merge.Incoming> incoming(Map<String, String> settings) {
        try {
            List<Merge.Incoming> incoming = Merge.repositories(settings);
            if (incoming.isEmpty()) {
                throw new SplitFailure(SplitFailure.Kind.INVALID_REQUEST, "a merge lists no repositories to bring in");
            }
            return incoming;
        } catch (IllegalArgumentException e) {
            // The plan reader refuses these; a hand-written phase.started may still carry one.
            throw new SplitFailure(SplitFailure.Kind.INVALID_REQUEST, e.getMessage() + "; nothing was pushed");
        }
    }

    private static Map<String, String> outputs(RepositoryMerger.Outcome outcome) {
        var heads = new ArrayList<String>();
        outcome.rewrittenHeads().forEach((directory, head) -> heads.add(directory + "=" + head.name()));
        var outputs = new LinkedHashMap<String, String>();
        outputs.put(Merge.MERGE_COMMIT, outcome.head().name());
        outputs.put(Merge.REWRITTEN_HEADS, String.join(",", heads));
        outputs.put(Merge.TAGS_CARRIED, Integer.toString(outcome.tags().size()));
        return outputs;
    }
}
