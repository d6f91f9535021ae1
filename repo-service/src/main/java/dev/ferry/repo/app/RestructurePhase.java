package dev.ferry.repo.app;

import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.plan.action.Restructure;
import dev.ferry.repo.domain.RestructureRules;
import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.repo.jgit.GitRemote;
import dev.ferry.repo.jgit.RepositoryRestructurer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

/**
 * A {@code restructure} phase: the source repository reshaped once, in place (see {@link Restructure} for the
 * settings and {@link RepositoryRestructurer} for the commit and its backup tag); every service of the phase reports
 * the same {@code step.succeeded}, or the same {@code step.failed}.
 */
final class RestructurePhase {

    private final SourceWorkspace workspace;
    private final OncePerSource once;
    private final Clock clock;

    RestructurePhase(SourceWorkspace workspace, OncePerSource once, Clock clock) {
        this.workspace = workspace;
        this.once = once;
        this.clock = clock;
    }

    List<SpecificRecord> run(PhaseStarted phase) {
        return once.run(phase, this::restructure);
    }

    private Map<String, String> restructure(PhaseStarted phase, List<ServiceWork> group) {
        ServiceWork first = group.getFirst();
        Map<String, String> settings = phase.getSettings();
        String branch =
                settings.getOrDefault(Restructure.BRANCH, first.getSource().getBranch());
        RestructureRules rules = rules(settings);
        GitRemote remote = GitRemote.of(first.getSource().getRepository(), workspace.sourceToken(first));
        String backupTag = Restructure.backupTag(
                settings,
                phase.getPlanName(),
                LocalDate.ofInstant(phase.getMetadata().getOccurredAt(), ZoneOffset.UTC));
        try (Repository source = workspace.mirror(remote, branch);
                Repository work = workspace.workRepositoryFor(source, remote)) {
            return outputs(new RepositoryRestructurer(work)
                    .restructure(
                            source,
                            remote,
                            branch,
                            rules,
                            backupTag,
                            new PersonIdent("Ferry", "ferry@noreply.ferry.dev", clock.instant(), ZoneOffset.UTC),
                            message(phase, backupTag)));
        }
    }

    private static RestructureRules rules(Map<String, String> settings) {
        try {
            return new RestructureRules(
                    Restructure.moves(settings),
                    Restructure.deletions(settings),
                    Restructure.rewrites(settings),
                    Restructure.rewriteFiles(settings));
        } catch (PatternSyntaxException e) {
            // The plan reader refuses these; a hand-written phase.started may still carry one.
            throw new SplitFailure(
                    SplitFailure.Kind.INVALID_REQUEST,
                    "rewrite rule \"" + e.getPattern() + "\" is not a regular expression: " + e.getDescription());
        }
    }

    private static RepositoryRestructurer.Message message(PhaseStarted phase, String backupTag) {
        String migration = phase.getMetadata().getMigrationId();
        return new RepositoryRestructurer.Message(
                "Restructure the repository: phase " + phase.getPhase() + " of plan " + phase.getPlanName() + "\n\n"
                        + "Ferry migration " + migration + ". The tree before this commit is tagged " + backupTag
                        + "; an emergency rollback puts the branch back there.",
                migration + "/" + phase.getPhase());
    }

    private static Map<String, String> outputs(RepositoryRestructurer.Outcome outcome) {
        var outputs = new LinkedHashMap<String, String>();
        outputs.put(Restructure.RESTRUCTURE_COMMIT, outcome.commit().name());
        outputs.put(Restructure.BACKUP_TAG_OUTPUT, outcome.backupTag());
        outputs.put(Restructure.BACKUP_COMMIT, outcome.backupCommit().name());
        outputs.put(Restructure.FILES_MOVED, Integer.toString(outcome.filesMoved()));
        outputs.put(Restructure.LINES_REWRITTEN, Integer.toString(outcome.linesRewritten()));
        return outputs;
    }
}
