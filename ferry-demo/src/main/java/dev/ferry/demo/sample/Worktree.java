package dev.ferry.demo.sample;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The files of one line of history at one point, in memory: path to content, each with the id of its blob once
 * written, and the id of every directory's tree until a file under it changes. A branch starts as a copy of its fork
 * point; entries are immutable, so a copy costs two maps.
 */
final class Worktree {

    /** @param blob the written blob of {@code content}, or null until {@link TreeWriter} writes it */
    record Entry(String content, ObjectId blob) {}

    private final TreeMap<String, Entry> files;
    private final Map<String, ObjectId> trees;

    Worktree() {
        this(new TreeMap<>(), new HashMap<>());
    }

    private Worktree(TreeMap<String, Entry> files, Map<String, ObjectId> trees) {
        this.files = files;
        this.trees = trees;
    }

    Worktree copy() {
        return new Worktree(new TreeMap<>(files), new HashMap<>(trees));
    }

    void put(String path, String content) {
        Entry existing = files.get(path);
        if (existing == null || !existing.content().equals(content)) {
            files.put(path, new Entry(content, null));
            changed(path);
        }
    }

    void append(String path, String text) {
        put(path, content(path) + text);
    }

    String content(String path) {
        Entry entry = files.get(path);
        if (entry == null) {
            throw new IllegalStateException("the sample history has no file " + path + " at this point");
        }
        return entry.content();
    }

    boolean has(String path) {
        return files.containsKey(path);
    }

    void rename(String from, String to) {
        Entry entry = files.remove(from);
        if (entry == null || files.containsKey(to)) {
            throw new IllegalStateException("cannot rename " + from + " to " + to + " in the sample history");
        }
        files.put(to, entry);
        changed(from);
        changed(to);
    }

    /** Paths under {@code directory} (slash-terminated or not), sorted. */
    List<String> pathsUnder(String directory) {
        String prefix = directory.endsWith("/") ? directory : directory + "/";
        return List.copyOf(files.subMap(prefix, prefix + Character.MAX_VALUE).keySet());
    }

    /** Takes {@code path}'s entry, blob id included, from another line of history. */
    void takeFrom(Worktree other, String path) {
        Optional.ofNullable(other.files.get(path))
                .ifPresentOrElse(entry -> files.put(path, entry), () -> files.remove(path));
        changed(path);
    }

    NavigableMap<String, Entry> entries() {
        return files;
    }

    void written(String path, ObjectId blob) {
        files.put(path, new Entry(files.get(path).content(), blob));
    }

    /** The tree of {@code directory} ("" for the root) as last written, or null when something under it changed. */
    ObjectId tree(String directory) {
        return trees.get(directory);
    }

    void treeWritten(String directory, ObjectId tree) {
        trees.put(directory, tree);
    }

    private void changed(String path) {
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            trees.remove(path.substring(0, slash));
        }
        trees.remove("");
    }
}
