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
 * Finds a directory's tree id inside a commit's tree and numbers distinct tree ids for {@link ServiceHistory}. Each tree's
 * directory entries are cached by tree id: consecutive commits share most trees, so most lookups never parse a tree.
 */
final class TreeIndex {

    // Recent trees are what the next commits share; a bound keeps huge directories from filling the heap.
    private static final int CACHED_TREES = 8_192;

    private final ObjectReader reader;
    private final Map<ObjectId, Integer> numbers = new HashMap<>();
    private final List<ObjectId> trees;
    private final Map<ObjectId, Map<String, ObjectId>> subdirectories = new LinkedHashMap<>(1 << 12, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ObjectId, Map<String, ObjectId>> eldest) {
            return size() > CACHED_TREES;
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
        return numberOf(subtree(root, segments));
    }

    /** The number of a tree, or ABSENT for null (no such directory). */
    int numberOf(ObjectId tree) {
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
        Map<String, ObjectId> directories = subdirectories.get(tree);
        if (directories == null) {
            directories = readSubdirectories(tree);
            subdirectories.put(tree.copy(), directories);
        }
        return directories.get(name);
    }

    /** A tree's directory entries; every service asks the same tree for a different one, so all are kept at once. */
    private Map<String, ObjectId> readSubdirectories(ObjectId tree) throws IOException {
        var directories = new HashMap<String, ObjectId>();
        for (var parser = new CanonicalTreeParser(null, reader, tree); !parser.eof(); parser.next()) {
            if (FileMode.TREE.equals(parser.getEntryRawMode())) {
                directories.put(parser.getEntryPathString(), parser.getEntryObjectId());
            }
        }
        return directories.isEmpty() ? Map.of() : directories;
    }
}
