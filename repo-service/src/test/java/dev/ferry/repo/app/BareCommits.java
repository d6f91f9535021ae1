package dev.ferry.repo.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/** A person's commits straight into a bare repository, and what its branch head holds, for repo-service's tests. */
public final class BareCommits {

    private static final PersonIdent PERSON =
            new PersonIdent("Dana", "dana@example.com", Instant.EPOCH, ZoneOffset.UTC);

    private BareCommits() {}

    /** An empty bare repository whose HEAD is {@code main}. */
    public static Repository initBare(Path directory) throws IOException {
        Repository repository =
                new FileRepositoryBuilder().setGitDir(directory.toFile()).build();
        repository.create(true);
        return repository;
    }

    /** Commits {@code files} (path to text) on top of {@code main}, or as its first commit. */
    public static ObjectId commit(Repository bare, Map<String, String> files, String message) throws IOException {
        var bytes = new LinkedHashMap<String, byte[]>();
        files.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
        return commitBytes(bare, bytes, message);
    }

    /** Commits {@code files} (path to content, in any encoding) on top of {@code main}, or as its first commit. */
    public static ObjectId commitBytes(Repository bare, Map<String, byte[]> files, String message) throws IOException {
        try (var inserter = bare.newObjectInserter()) {
            var blobs = new LinkedHashMap<String, ObjectId>();
            for (var file : files.entrySet()) {
                blobs.put(file.getKey(), inserter.insert(Constants.OBJ_BLOB, file.getValue()));
            }
            return change(
                    bare,
                    message,
                    editor -> blobs.forEach((path, blob) -> editor.add(new DirCacheEditor.PathEdit(path) {
                        @Override
                        public void apply(DirCacheEntry entry) {
                            entry.setFileMode(FileMode.REGULAR_FILE);
                            entry.setObjectId(blob);
                        }
                    })));
        }
    }

    /** Commits the removal of {@code path} on top of {@code main}. */
    public static ObjectId remove(Repository bare, String path, String message) throws IOException {
        return change(bare, message, editor -> editor.add(new DirCacheEditor.DeletePath(path)));
    }

    private static ObjectId change(Repository bare, String message, Consumer<DirCacheEditor> edits) throws IOException {
        try (var walk = new RevWalk(bare);
                var inserter = bare.newObjectInserter()) {
            ObjectId head = bare.resolve(Constants.R_HEADS + "main");
            DirCache index = head == null
                    ? DirCache.newInCore()
                    : DirCache.read(
                            walk.getObjectReader(), walk.parseCommit(head).getTree());
            DirCacheEditor editor = index.editor();
            edits.accept(editor);
            editor.finish();
            var commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            if (head != null) {
                commit.setParentId(head);
            }
            commit.setAuthor(PERSON);
            commit.setCommitter(PERSON);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = bare.updateRef(Constants.R_HEADS + "main");
            update.setNewObjectId(id);
            update.forceUpdate();
            return id;
        }
    }

    public static RevCommit head(Repository bare) throws IOException {
        try (var walk = new RevWalk(bare)) {
            return walk.parseCommit(bare.resolve(Constants.R_HEADS + "main"));
        }
    }

    /** The text of {@code path} at the head of {@code main}, or null when there is none. */
    public static String file(Repository bare, String path) throws IOException {
        try (TreeWalk file = TreeWalk.forPath(bare, path, head(bare).getTree())) {
            return file == null
                    ? null
                    : new String(bare.open(file.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }
}
