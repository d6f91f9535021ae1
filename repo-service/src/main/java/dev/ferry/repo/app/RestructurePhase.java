package dev.ferry.repo.app;

import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.plan.action.Restructure;
import dev.ferry.repo.domain.RestructureRules;
import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.repo.github.GithubPullRequests;
import dev.ferry.repo.github.GithubRepository;
import dev.ferry.repo.jgit.GitRemote;
import dev.ferry.repo.jgit.RepositoryRestructurer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final RepoPhaseHandler.Github github;

    RestructurePhase(SourceWorkspace workspace, OncePerSource once, Clock clock, RepoPhaseHandler.Github github) {
        this.workspace = workspace;
        this.once = once;
        this.clock = clock;
        this.github = github;
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
        Optional<String> token = workspace.sourceToken(first);
        GitRemote remote = GitRemote.of(first.getSource().getRepository(), token);
        boolean proposes = Restructure.opensPullRequest(settings);
        String proposal = Restructure.proposalBranch(phase.getPlanName(), phase.getPhase());
        String backupTag = Restructure.backupTag(
                settings,
                phase.getPlanName(),
                LocalDate.ofInstant(phase.getMetadata().getOccurredAt(), ZoneOffset.UTC));
        RepositoryRestructurer.Outcome outcome;
        try (Repository source = workspace.mirror(remote, branch);
                Repository work = workspace.workRepositoryFor(source, remote)) {
            var restructurer = new RepositoryRestructurer(work).setDryRun(Restructure.dryRun(settings));
            if (proposes) {
                restructurer.setProposalBranch(proposal);
            }
            outcome = restructurer.restructure(
                    source,
                    remote,
                    branch,
                    rules,
                    backupTag,
                    new PersonIdent("Ferry", "ferry@noreply.ferry.dev", clock.instant(), ZoneOffset.UTC),
                    message(phase, backupTag, settings));
        }
        Map<String, String> outputs = outputs(outcome);
        if (Restructure.dryRun(settings)) {
            outputs.put(Restructure.PREVIEW, String.join("\n", outcome.preview()));
            outputs.put(Restructure.RESTRUCTURE_COMMIT, ""); // made in Ferry's work repository only
            return outputs; // nothing was pushed, so no pull request either
        }
        if (proposes) {
            outputs.put(Restructure.PROPOSAL_BRANCH, proposal);
            outputs.putAll(pullRequest(
                    first,
                    token,
                    new GithubPullRequests.Proposal(
                            proposal,
                            branch,
                            "Ferry: restructure (phase " + phase.getPhase() + " of plan " + phase.getPlanName() + ")",
                            description(outcome.message()))));
        }
        return outputs;
    }

    /** The pull request opened (or found open) on GitHub, or why none was opened. */
    private Map<String, String> pullRequest(
            ServiceWork first, Optional<String> token, GithubPullRequests.Proposal proposal) {
        String repository = first.getSource().getRepository();
        Optional<GithubRepository> onGithub = GithubRepository.fromCloneUrl(repository, github.hosts());
        if (onGithub.isEmpty()) {
            return Map.of(
                    Restructure.PULL_REQUEST_URL,
                    "",
                    Restructure.PULL_REQUEST_NOTE,
                    "no pull request opened: " + GitRemote.redact(repository) + " is not on a GitHub host"
                            + " repo-service knows; merge " + proposal.head() + " into " + proposal.base()
                            + " by hand");
        }
        String secret = token.orElseThrow(() -> new SplitFailure(
                SplitFailure.Kind.AUTHENTICATION_FAILED,
                "source " + onGithub.get() + " is on GitHub but no " + RepoPhaseHandler.SOURCE_CREDENTIAL
                        + " names a token to open the pull request; branch " + proposal.head() + " is pushed"));
        var opened = github.api().pullRequests().open(onGithub.get(), secret, proposal);
        return Map.of(
                Restructure.PULL_REQUEST_URL,
                opened.url(),
                Restructure.PULL_REQUEST_NOTE,
                opened.opened() ? "pull request opened" : "pull request already open, not opened again");
    }

    /** The commit message without its subject line and its trailers: what the pull request's body says. */
    private static String description(String message) {
        String body = message.substring(message.indexOf("\n\n") + 2).stripTrailing();
        return body.substring(0, body.lastIndexOf("\n\n"));
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

    private static RepositoryRestructurer.Message message(
            PhaseStarted phase, String backupTag, Map<String, String> settings) {
        String migration = phase.getMetadata().getMigrationId();
        var changes = new StringBuilder();
        Restructure.moves(settings)
                .forEach((from, to) ->
                        changes.append("\n- move ").append(from).append(" -> ").append(to));
        Restructure.deletions(settings)
                .forEach(path -> changes.append("\n- delete ").append(path));
        return new RepositoryRestructurer.Message(
                "Restructure the repository: phase " + phase.getPhase() + " of plan " + phase.getPlanName() + "\n\n"
                        + "Ferry migration " + migration + ". The tree before this commit is tagged " + backupTag
                        + "; an emergency rollback puts the branch back there."
                        + (changes.isEmpty() ? "" : "\n\nMoves and deletions:" + changes),
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
