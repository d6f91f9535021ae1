package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.SplitFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.FooterKey;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes files into a repository's branch as one commit, pushed as a normal fast-forward, and only the files it may
 * write: a missing file, or one whose content is still what Ferry last wrote there. A file a person changed since (or
 * that Ferry never wrote) is left alone unless overwriting is asked for; when nothing needs writing, nothing is
 * committed, so scaffolding twice commits once.
 *
 * <p>What Ferry last wrote is recorded in the repository itself, as a {@value #FILE_TRAILER} trailer per file (its
 * blob id and path) on each scaffold commit. The repository is the one record that cannot disagree with itself: it
 * survives the loss of repo-service's data directory, moves with the repository, adds no file to it, and people can
 * see it in {@code git log}. A file's entry in the most recent commit that names it is what Ferry last wrote there.
 */
public final class FileScaffolder {

    /** Trailer naming a file Ferry wrote: {@code Ferry-Scaffold-File: <blob id> <path>}. */
    static final String FILE_TRAILER = "Ferry-Scaffold-File";
    /** Trailer naming the run and phase that made the commit: {@code Ferry-Scaffold-Run: <migration>/<phase>}. */
    static final String RUN_TRAILER = "Ferry-Scaffold-Run";

    private static final FooterKey FILE = new FooterKey(FILE_TRAILER);
    private static final FooterKey RUN = new FooterKey(RUN_TRAILER);

    /**
     * What scaffolding did.
     *
     * @param commit the scaffold commit made now, or the latest one on the branch when this same run and phase made
     *     it before (a repeated step reports it again); empty when nothing was written
     * @param head the branch's head afterwards: the commit made now, or the head found when nothing needed writing
     * @param written the paths written by the commit made now
     * @param left the paths left alone because a person changed them
     */
    public record Outcome(Optional<ObjectId> commit, ObjectId head, List<String> written, List<String> left) {}

    /** A commit's words: the message's subject and body, and the run it belongs to ({@code migration/phase}). */
    public record Message(String text, String run) {}

    private final Repository work;

    /** @param work a repository that reads the target's objects (see {@link WorkRepositories}) */
    public FileScaffolder(Repository work) {
        this.work = work;
    }

    /**
     * @param target the repository holding {@code branch} of {@code remote}
     * @param files the content of each file by its path, in the order to report them
     */
    public Outcome scaffold(
            Repository target,
            GitRemote remote,
            String branch,
            Map<String, byte[]> files,
            boolean overwrite,
            PersonIdent ferry,
            Message message) {
        try (var walk = new RevWalk(target);
                var inserter = work.newObjectInserter()) {
            RevCommit head = BranchHead.of(
                    target, walk, remote, branch, "; run the split (or create the branch) before scaffolding");
            Map<String, ObjectId> wanted = blobIds(files, inserter);
            History history = history(walk, head, wanted.keySet());
            Decision decision = decide(target, head, wanted, history, overwrite);
            Map<String, ObjectId> writing = decision.writing();
            List<String> left = decision.left();
            if (writing.isEmpty()) {
                Optional<ObjectId> earlier =
                        history.runOfLatest().equals(message.run()) ? history.latest() : Optional.empty();
                return new Outcome(earlier, head, List.of(), left);
            }
            files.forEach((path, bytes) -> {
                if (writing.containsKey(path)) {
                    insert(inserter, bytes);
                }
            });
            ObjectId commit = commit(walk, inserter, head, writing, ferry, message);
            new TargetPusher(work).push(remote, branch, commit, Map.of(), false);
            return new Outcome(Optional.of(commit), commit, List.copyOf(writing.keySet()), left);
        } catch (IOException e) {
            throw new SplitFailure(
                    SplitFailure.Kind.CORRUPT_OBJECT, "cannot read " + remote.redacted() + ": " + e.getMessage(), e);
        }
    }

    /** Which files to write (with their blobs) and which to leave; files that already have their content are neither. */
    private record Decision(Map<String, ObjectId> writing, List<String> left) {}

    private static Decision decide(
            Repository target, RevCommit head, Map<String, ObjectId> wanted, History history, boolean overwrite)
            throws IOException {
        var writing = new LinkedHashMap<String, ObjectId>();
        var left = new ArrayList<String>();
        for (var file : wanted.entrySet()) {
            Optional<ObjectId> current = blobAt(target, head, file.getKey());
            if (current.equals(Optional.of(file.getValue()))) {
                continue;
            }
            if (ours(current, history.lastWritten().get(file.getKey())) || overwrite) {
                writing.put(file.getKey(), file.getValue());
            } else {
                left.add(file.getKey());
            }
        }
        return new Decision(writing, List.copyOf(left));
    }

    /**
     * Whether the file at the head is still as Ferry left it: absent and never written by Ferry, or the blob Ferry
     * last wrote. A file Ferry wrote that is now gone was deleted by a person, which counts as a change.
     */
    private static boolean ours(Optional<ObjectId> current, ObjectId lastWritten) {
        return current.isEmpty() ? lastWritten == null : current.get().equals(lastWritten);
    }

    private static Map<String, ObjectId> blobIds(Map<String, byte[]> files, ObjectInserter inserter) {
        var ids = new LinkedHashMap<String, ObjectId>();
        files.forEach((path, bytes) -> ids.put(path, inserter.idFor(Constants.OBJ_BLOB, bytes)));
        return ids;
    }

    private static void insert(ObjectInserter inserter, byte[] bytes) {
        try {
            inserter.insert(Constants.OBJ_BLOB, bytes);
        } catch (IOException e) {
            throw new SplitFailure(SplitFailure.Kind.LOCAL_STORAGE, "cannot store a file: " + e.getMessage(), e);
        }
    }

    /**
     * What Ferry's scaffold commits on the branch say: per path, the blob of the most recent one naming it; the most
     * recent scaffold commit and its run.
     */
    private record History(Map<String, ObjectId> lastWritten, Optional<ObjectId> latest, String runOfLatest) {}

    private static History history(RevWalk walk, RevCommit head, Set<String> paths) throws IOException {
        var lastWritten = new HashMap<String, ObjectId>();
        Optional<ObjectId> latest = Optional.empty();
        String run = "";
        walk.reset();
        walk.setRetainBody(true);
        walk.markStart(walk.parseCommit(head));
        for (RevCommit commit = walk.next();
                commit != null && lastWritten.size() < paths.size();
                commit = walk.next()) {
            List<String> entries = commit.getFooterLines(FILE);
            if (entries.isEmpty()) {
                continue;
            }
            if (latest.isEmpty()) {
                latest = Optional.of(commit.copy());
                run = commit.getFooterLines(RUN).stream().findFirst().orElse("");
            }
            for (String entry : entries) {
                int space = entry.indexOf(' ');
                if (space > 0
                        && ObjectId.isId(entry.substring(0, space))
                        && paths.contains(entry.substring(space + 1))) {
                    lastWritten.putIfAbsent(entry.substring(space + 1), ObjectId.fromString(entry.substring(0, space)));
                }
            }
        }
        return new History(lastWritten, latest, run);
    }

    private static Optional<ObjectId> blobAt(Repository target, RevCommit head, String path) throws IOException {
        try (TreeWalk file = TreeWalk.forPath(target, path, head.getTree())) {
            return file == null || file.getFileMode(0).getObjectType() != Constants.OBJ_BLOB
                    ? Optional.empty()
                    : Optional.of(file.getObjectId(0));
        }
    }

    private static ObjectId commit(
            RevWalk walk,
            ObjectInserter inserter,
            RevCommit head,
            Map<String, ObjectId> writing,
            PersonIdent ferry,
            Message message)
            throws IOException {
        DirCache index = DirCache.read(walk.getObjectReader(), head.getTree());
        DirCacheEditor editor = index.editor();
        writing.forEach((path, blob) -> editor.add(new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry entry) {
                if (entry.getFileMode() != FileMode.EXECUTABLE_FILE) {
                    entry.setFileMode(FileMode.REGULAR_FILE);
                }
                entry.setObjectId(blob);
            }
        }));
        editor.finish();
        var trailers = new StringBuilder();
        writing.forEach((path, blob) -> trailers.append(FILE_TRAILER)
                .append(": ")
                .append(blob.name())
                .append(' ')
                .append(path)
                .append('\n'));
        trailers.append(RUN_TRAILER).append(": ").append(message.run()).append('\n');
        var commit = new CommitBuilder();
        commit.setTreeId(index.writeTree(inserter));
        commit.setParentId(head);
        commit.setAuthor(ferry);
        commit.setCommitter(ferry);
        commit.setMessage(message.text().stripTrailing() + "\n\n" + trailers);
        ObjectId id = inserter.insert(commit);
        inserter.flush();
        return id;
    }
}
