package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.ServiceHistory;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Finds a directory's tree id inside a commit's tree and numbers distinct tree ids for {@link ServiceHistory}. Subtree
 * lookups are cached by (tree id, name): consecutive commits share most trees, so most lookups never parse a tree.
 */
final class TreeIndex {

    private static final int CACHE_ENTRIES = 200_000;

    private final ObjectReader reader;
    private final Map<ObjectId, Integer> numbers = new HashMap<>();
    private final List<ObjectId> trees;
    private final Map<ChildKey, ObjectId> children = new LinkedHashMap<>(1 << 16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ChildKey, ObjectId> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    /** @param trees the numbering so far, index {@link ServiceHistory#ABSENT} the empty tree; new trees are appended */
    TreeIndex(ObjectReader reader, List<ObjectId> trees) {
        this.reader = reader;
        this.trees = trees;
        for (int i = 0; i < trees.size(); i++) {
            numbers.put(trees.get(i), i);
        }
    }

    /** The number of the directory's tree in {@code root}, or ABSENT when the path is missing or not a directory. */
    int numberOf(ObjectId root, List<String> segments) throws IOException {
        ObjectId tree = subtree(root, segments);
        if (tree == null) {
            return ServiceHistory.ABSENT;
        }
        return numbers.computeIfAbsent(tree, id -> {
            trees.add(id);
            return trees.size() - 1;
        });
    }

    ObjectReader reader() {
        return reader;
    }

    ObjectId treeOf(int number) {
        return trees.get(number);
    }

    /** The tree at {@code segments} below {@code root}, or null when any segment is missing or not a directory. */
    ObjectId subtree(ObjectId root, List<String> segments) throws IOException {
        ObjectId current = root;
        for (String name : segments) {
            current = child(current, name);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private ObjectId child(ObjectId tree, String name) throws IOException {
        var key = new ChildKey(tree, name);
        ObjectId cached = children.get(key);
        if (cached != null || children.containsKey(key)) {
            return cached;
        }
        ObjectId found = null;
        var parser = new CanonicalTreeParser(null, reader, tree);
        for (; !parser.eof(); parser.next()) {
            if (parser.getEntryPathString().equals(name)) {
                found = FileMode.TREE.equals(parser.getEntryRawMode()) ? parser.getEntryObjectId() : null;
                break;
            }
        }
        children.put(key, found);
        return found;
    }

    private record ChildKey(ObjectId tree, String name) {}
}
