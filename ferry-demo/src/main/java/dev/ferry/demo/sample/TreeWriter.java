package dev.ferry.demo.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * Writes a {@link Worktree} as git trees straight through an {@link ObjectInserter}, without an index or a working
 * directory. Only what changed since the worktree was last written is formatted again: directories whose files did not
 * change keep their tree id, blobs already written keep theirs.
 */
final class TreeWriter {

    /** Git sorts tree entries by name bytes, a directory's name as if it ended in '/'. */
    private static final Comparator<Node> GIT_ORDER = Comparator.comparing(Node::sortKey);

    /** Sorts after any path character used in the sample, so "dir/" + LAST bounds a directory's range. */
    private static final char LAST = Character.MAX_VALUE;

    private final ObjectInserter inserter;
    private final Set<ObjectId> trees = new HashSet<>();

    TreeWriter(ObjectInserter inserter) {
        this.inserter = inserter;
    }

    /** Writes what changed; returns the root tree. Every directory's tree is then in {@link Worktree#tree}. */
    ObjectId write(Worktree worktree) throws IOException {
        return directory(worktree, "");
    }

    private ObjectId directory(Worktree worktree, String directory) throws IOException {
        ObjectId cached = worktree.tree(directory);
        if (cached != null) {
            return cached;
        }
        String prefix = directory.isEmpty() ? "" : directory + "/";
        NavigableMap<String, Worktree.Entry> files = directory.isEmpty()
                ? worktree.entries()
                : worktree.entries().subMap(prefix, true, prefix + LAST, false);
        var nodes = new ArrayList<Node>();
        String path = files.isEmpty() ? null : files.firstKey();
        while (path != null) {
            String rest = path.substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                nodes.add(new Node(rest, false, blob(worktree, path)));
                path = files.higherKey(path);
            } else {
                String child = prefix + rest.substring(0, slash);
                nodes.add(new Node(rest.substring(0, slash), true, directory(worktree, child)));
                path = files.higherKey(child + "/" + LAST);
            }
        }
        ObjectId id = format(nodes);
        worktree.treeWritten(directory, id);
        return id;
    }

    private ObjectId blob(Worktree worktree, String path) throws IOException {
        Worktree.Entry entry = worktree.entries().get(path);
        if (entry.blob() != null) {
            return entry.blob();
        }
        ObjectId blob = inserter.insert(Constants.OBJ_BLOB, entry.content().getBytes(StandardCharsets.UTF_8));
        worktree.written(path, blob);
        return blob;
    }

    private ObjectId format(List<Node> nodes) throws IOException {
        nodes.sort(GIT_ORDER);
        var tree = new TreeFormatter();
        for (Node node : nodes) {
            tree.append(node.name(), node.directory() ? FileMode.TREE : FileMode.REGULAR_FILE, node.id());
        }
        ObjectId id = tree.computeId(inserter);
        if (trees.add(id)) {
            tree.insertTo(inserter);
        }
        return id;
    }

    private record Node(String name, boolean directory, ObjectId id) {
        String sortKey() {
            return directory ? name + "/" : name;
        }
    }
}
