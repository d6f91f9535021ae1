package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.RestructureRules;
import dev.ferry.repo.domain.SplitFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.FooterKey;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A {@code restructure} on a branch of a repository: a backup tag on the branch's head, then one commit with the
 * rules' moves, deletions and rewrites, both pushed in one atomic push, so the branch never moves without its backup.
 * The commit names the run and phase in a {@value #RUN_TRAILER} trailer: the same phase again finds its commit at the
 * head (or at the tip of its proposal branch, see {@link #setProposalBranch}) and makes no second one.
 */
public final class RepositoryRestructurer {

    /** Trailer naming the run and phase that made the commit: {@code Ferry-Restructure-Run: <migration>/<phase>}. */
    static final String RUN_TRAILER = "Ferry-Restructure-Run";

    private static final String MOVED_TRAILER = "Ferry-Restructure-Files-Moved";
    private static final String REWRITTEN_TRAILER = "Ferry-Restructure-Lines-Rewritten";
    /** How far git looks for a NUL byte to call a file binary. */
    private static final int BINARY_PROBE = 8000;

    /**
     * What the restructure did: the commit, the backup tag and the commit it names, the counts, and the commit's
     * message (which lists the lines each rewrite rule changed).
     */
    public record Outcome(
            ObjectId commit,
            String backupTag,
            ObjectId backupCommit,
            int filesMoved,
            int linesRewritten,
            String message,
            List<String> preview) {}

    /** The commit message's text and the run it belongs to. */
    public record Message(String text, String run) {}

    private final Repository work;
    private String pushTo;
    private boolean dryRun;

    /** @param work a repository that reads the source's objects (see {@link WorkRepositories}) */
    public RepositoryRestructurer(Repository work) {
        this.work = work;
    }

    /**
     * Pushes nothing: the outcome's commit is made in the work repository only, and its {@code preview} lists every file
     * move and, per file, the lines each rule changes.
     */
    public RepositoryRestructurer setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    /**
     * Pushes the commit to {@code proposal}, a new branch, instead of the branch it is made on (which then stays where
     * it is, for a pull request to change); the backup tag is pushed as always.
     */
    public RepositoryRestructurer setProposalBranch(String proposal) {
        this.pushTo = proposal;
        return this;
    }

    public Outcome restructure(
            Repository source,
            GitRemote remote,
            String branch,
            RestructureRules rules,
            String backupTag,
            PersonIdent ferry,
            Message message) {
        try (var walk = new RevWalk(source);
                var inserter = work.newObjectInserter()) {
            RevCommit head = BranchHead.of(source, walk, remote, branch, "");
            String target = pushTo == null ? branch : pushTo;
            Optional<Outcome> earlier = dryRun
                    ? Optional.empty()
                    : pushTo == null
                            ? madeBefore(head, message.run(), backupTag)
                            : proposed(remote, pushTo).flatMap(tip -> madeBefore(tip, message.run(), backupTag));
            if (earlier.isPresent()) {
                return earlier.get();
            }
            requireFreeTag(remote, backupTag, head);
            String where = remote.redacted() + " at " + branch + " (" + head.name() + ")";
            Map<String, Entry> files = files(source, head);
            Map<String, String> newPaths = rules.newPaths(List.copyOf(files.keySet()), where);
            int moved = (int) newPaths.entrySet().stream()
                    .filter(path -> !path.getKey().equals(path.getValue()))
                    .count();
            var builder = DirCache.newInCore();
            DirCacheBuilder index = builder.builder();
            int rewritten = 0;
            Map<String, Integer> byRule = rules.noLinesByRule();
            var preview = new ArrayList<String>();
            for (var path : newPaths.entrySet()) {
                if (!path.getKey().equals(path.getValue())) {
                    preview.add("move " + path.getKey() + " -> " + path.getValue());
                }
                Entry entry = files.get(path.getKey());
                ObjectId blob = entry.blob();
                if (entry.mode() != FileMode.GITLINK && rules.rewrites(path.getValue())) {
                    byte[] bytes = source.open(blob).getBytes();
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    if (!isUtf8Text(bytes)) {
                        if (rules.anyRuleMatches(text)) {
                            throw new SplitFailure(
                                    SplitFailure.Kind.INVALID_REQUEST,
                                    "a rewrite rule matches inside " + path.getKey() + ", which is not UTF-8 text (a"
                                            + " binary file, or another encoding a rewrite would damage), in " + where
                                            + "; narrow rewriteFiles so that it is not selected; nothing was changed");
                        }
                    } else {
                        Optional<RestructureRules.Rewritten> changed = rules.rewrite(text);
                        if (changed.isPresent()) {
                            blob = inserter.insert(
                                    Constants.OBJ_BLOB, changed.get().text().getBytes(StandardCharsets.UTF_8));
                            rewritten += changed.get().linesChanged();
                            changed.get()
                                    .linesByRule()
                                    .forEach((rule, lines) -> byRule.merge(rule, lines, Integer::sum));
                            changed.get().linesByRule().forEach((rule, lines) -> {
                                if (lines > 0) {
                                    preview.add("rewrite " + path.getValue() + ": '" + rule + "' " + lines);
                                }
                            });
                        }
                    }
                }
                var added = new DirCacheEntry(path.getValue());
                added.setFileMode(entry.mode());
                added.setObjectId(blob);
                index.add(added);
            }
            index.finish();
            ObjectId tree = builder.writeTree(inserter);
            if (tree.equals(head.getTree())) {
                throw new SplitFailure(
                        SplitFailure.Kind.INVALID_REQUEST,
                        "the restructure changes nothing in " + where
                                + ": its moves, deletions and rewrites leave every file as it is");
            }
            var commit = new CommitBuilder();
            commit.setTreeId(tree);
            commit.setParentId(head);
            commit.setAuthor(ferry);
            commit.setCommitter(ferry);
            String text = message.text().stripTrailing() + linesByRule(byRule) + "\n\n" + RUN_TRAILER + ": "
                    + message.run() + "\n" + MOVED_TRAILER + ": " + moved + "\n" + REWRITTEN_TRAILER + ": " + rewritten
                    + "\n";
            commit.setMessage(text);
            ObjectId restructured = inserter.insert(commit);
            inserter.flush();
            if (!dryRun) {
                new TargetPusher(work).push(remote, target, restructured, Map.of(backupTag, head.copy()), false);
            }
            return new Outcome(restructured, backupTag, head.copy(), moved, rewritten, text, preview);
        } catch (IOException e) {
            throw new SplitFailure(
                    SplitFailure.Kind.CORRUPT_OBJECT, "cannot read " + remote.redacted() + ": " + e.getMessage(), e);
        }
    }

    private record Entry(FileMode mode, ObjectId blob) {}

    private static String linesByRule(Map<String, Integer> byRule) {
        if (byRule.isEmpty()) {
            return "";
        }
        var lines = new StringBuilder("\n\nLines changed by each rewrite rule:");
        byRule.forEach(
                (rule, count) -> lines.append("\n- ").append(rule).append(": ").append(count));
        return lines.toString();
    }

    /** The tip of the proposal branch when the remote has it, fetched into the work repository. */
    private Optional<RevCommit> proposed(GitRemote remote, String proposal) {
        String local = "refs/ferry/proposals/" + remote.key() + "/" + proposal;
        try (var walk = new RevWalk(work)) {
            Optional<Ref> fetched = RemoteRefs.fetch(work, remote, Constants.R_HEADS + proposal, local);
            return fetched.isEmpty()
                    ? Optional.empty()
                    : Optional.of(walk.parseCommit(fetched.get().getObjectId()));
        } catch (GitAPIException | IOException e) {
            throw RemoteRefs.unreadable(remote, "branch " + proposal, e);
        }
    }

    private static Map<String, Entry> files(Repository source, RevCommit head) throws IOException {
        var files = new LinkedHashMap<String, Entry>();
        try (var tree = new TreeWalk(source)) {
            tree.addTree(head.getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                files.put(tree.getPathString(), new Entry(tree.getFileMode(0), tree.getObjectId(0)));
            }
        }
        return files;
    }

    /** The outcome of this run's phase when the head is the commit it made before (a redelivered phase). */
    private static Optional<Outcome> madeBefore(RevCommit head, String run, String backupTag) {
        List<String> runs = head.getFooterLines(new FooterKey(RUN_TRAILER));
        if (!runs.contains(run) || head.getParentCount() != 1) {
            return Optional.empty();
        }
        return Optional.of(new Outcome(
                head.copy(),
                backupTag,
                head.getParent(0).copy(),
                count(head, MOVED_TRAILER),
                count(head, REWRITTEN_TRAILER),
                head.getFullMessage(),
                List.of()));
    }

    private static int count(RevCommit commit, String trailer) {
        List<String> values = commit.getFooterLines(new FooterKey(trailer));
        return values.isEmpty() ? 0 : Integer.parseInt(values.getFirst().strip());
    }

    /** A backup tag already on another commit would be moved by nobody and would not back this head up: refused. */
    private void requireFreeTag(GitRemote remote, String backupTag, RevCommit head) {
        try (Git git = Git.wrap(work)) {
            Ref existing = remote.configure(
                            git.lsRemote().setRemote(remote.uri()).setTags(true))
                    .callAsMap()
                    .get(Constants.R_TAGS + backupTag);
            if (existing != null) {
                ObjectId tagged =
                        existing.getPeeledObjectId() != null ? existing.getPeeledObjectId() : existing.getObjectId();
                if (!tagged.equals(head)) {
                    throw new SplitFailure(
                            SplitFailure.Kind.TARGET_HAS_UNRELATED_HISTORY,
                            "backup tag " + backupTag + " already exists in " + remote.redacted() + " on "
                                    + tagged.name() + ", not on the head of the branch (" + head.name()
                                    + "); name another backupTag in the plan; nothing was changed");
                }
            }
        } catch (GitAPIException e) {
            throw new SplitFailure(
                    SplitFailure.Kind.UNREACHABLE,
                    "cannot list the tags of " + remote.redacted() + ": "
                            + GitRemote.redact(String.valueOf(e.getMessage())),
                    e);
        }
    }

    /**
     * Whether the rules may rewrite the file: no NUL byte in its first 8000 bytes (git's own test for binary content)
     * and valid UTF-8 throughout, so that decoding and encoding it again changes only what a rule changed.
     */
    private static boolean isUtf8Text(byte[] bytes) {
        int probe = Math.min(bytes.length, BINARY_PROBE);
        for (int i = 0; i < probe; i++) {
            if (bytes[i] == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
