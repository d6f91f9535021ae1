package dev.ferry.demo.sample;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.TagBuilder;

/**
 * Writes the sample history's commits and annotated tags through one {@link ObjectInserter}, and remembers, per
 * commit, its parents and the tree of every watched directory: enough to say which commits a path-limited log (or a
 * subdirectory split) keeps, without reading anything back.
 */
final class HistoryWriter {

    private final ObjectInserter inserter;
    private final TreeWriter trees;
    private final List<String> watched;
    private final Map<ObjectId, List<ObjectId>> parents = new HashMap<>();
    private final Map<ObjectId, Map<String, ObjectId>> watchedTrees = new HashMap<>();
    private final List<ObjectId> order = new ArrayList<>();
    private final Map<String, ObjectId> tags = new HashMap<>();

    HistoryWriter(ObjectInserter inserter, List<String> watchedDirectories) {
        this.inserter = inserter;
        this.trees = new TreeWriter(inserter);
        this.watched = List.copyOf(watchedDirectories);
    }

    ObjectId commit(Worktree files, List<ObjectId> parentIds, PersonIdent author, PersonIdent committer, String message)
            throws IOException {
        ObjectId root = trees.write(files);
        var commit = new CommitBuilder();
        commit.setTreeId(root);
        commit.setParentIds(parentIds);
        commit.setAuthor(author);
        commit.setCommitter(committer);
        commit.setMessage(message.endsWith("\n") ? message : message + "\n");
        ObjectId id = inserter.insert(commit);
        parents.put(id, List.copyOf(parentIds));
        var directories = new HashMap<String, ObjectId>();
        for (String directory : watched) {
            ObjectId subtree = files.tree(directory);
            if (subtree != null) {
                directories.put(directory, subtree);
            }
        }
        watchedTrees.put(id, directories);
        order.add(id);
        return id;
    }

    void tag(String name, ObjectId commit, PersonIdent tagger, String message) throws IOException {
        var tag = new TagBuilder();
        tag.setTag(name);
        tag.setObjectId(commit, Constants.OBJ_COMMIT);
        tag.setTagger(tagger);
        tag.setMessage(message + "\n");
        tags.put(name, inserter.insert(tag));
    }

    Map<String, ObjectId> tags() {
        return Map.copyOf(tags);
    }

    int commits() {
        return order.size();
    }

    long merges() {
        return parents.values().stream().filter(p -> p.size() > 1).count();
    }

    /**
     * How many commits {@code git log -- DIRECTORY} lists, by git's rule: a commit is kept when the directory's tree
     * differs from the one of every parent (for a root commit: when the directory exists).
     */
    int commitsTouching(String directory) {
        int count = 0;
        for (ObjectId commit : order) {
            ObjectId mine = watchedTrees.get(commit).get(directory);
            List<ObjectId> commitParents = parents.get(commit);
            boolean touching = commitParents.isEmpty()
                    ? mine != null
                    : commitParents.stream()
                            .noneMatch(parent ->
                                    Objects.equals(watchedTrees.get(parent).get(directory), mine));
            if (touching) {
                count++;
            }
        }
        return count;
    }
}
