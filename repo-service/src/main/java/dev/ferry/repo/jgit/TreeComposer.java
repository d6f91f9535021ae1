package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.PathMove;
import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.repo.domain.SplitLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Writes the tree a multi-path split gives a source commit: each listed directory's tree placed at its target, the
 * directories that hold them written anew in git's canonical order, so the ids are the ones filter-repo's fast-import
 * computes from the same files. A directory's own tree is reused untouched; only the trees above and around a target are
 * written. Results are cached by the directories' tree ids, which most consecutive commits share.
 */
final class TreeComposer {

    private static final int CACHED_LAYOUTS = 8_192;
    private static final ObjectId EMPTY_TREE = ObjectId.fromString("4b825dc642cb6eb9a060e54bf8d69288fbee4904");

    private final TreeIndex trees;
    private final ObjectInserter inserter;
    private final Map<Key, ObjectId> composed = new LinkedHashMap<>(1 << 10, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, ObjectId> eldest) {
            return size() > CACHED_LAYOUTS;
        }
    };

    TreeComposer(TreeIndex trees, ObjectInserter inserter) {
        this.trees = trees;
        this.inserter = inserter;
    }

    /**
     * {@code root} with {@code tree} placed at {@code segments}, merged file by file with a directory already there:
     * the tree of a merge that brings a repository in under its directory.
     */
    ObjectId placeAt(ObjectId root, List<String> segments, ObjectId tree, SplitLayout layout) throws IOException {
        ObjectId wrapped = tree;
        for (int i = segments.size() - 1; i >= 1; i--) {
            wrapped = insert(Map.of("", new Entry(bytes(segments.get(i)), FileMode.TREE, wrapped)));
        }
        Map<String, Entry> entries = read(root);
        add(entries, new Entry(bytes(segments.getFirst()), FileMode.TREE, wrapped), layout);
        return insert(entries);
    }

    private static byte[] bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    /** The layout's tree for a source commit's root tree, or null when none of its directories exists there. */
    ObjectId compose(ObjectId root, SplitLayout layout) throws IOException {
        var parts = new ObjectId[layout.moves().size()];
        boolean any = false;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = trees.subtree(root, layout.moves().get(i).fromSegments());
            if (EMPTY_TREE.equals(parts[i])) {
                parts[i] = null; // an empty root tree; git writes no empty directory
            }
            any |= parts[i] != null;
        }
        if (!any) {
            return null;
        }
        var key = new Key(layout, Arrays.asList(parts));
        ObjectId tree = composed.get(key);
        if (tree == null) {
            tree = write(place(layout, parts), layout);
            composed.put(key, tree);
        }
        return tree;
    }

    private static Directory place(SplitLayout layout, ObjectId[] parts) {
        var root = new Directory();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == null) {
                continue;
            }
            PathMove move = layout.moves().get(i);
            Directory at = root;
            for (String segment : move.toSegments()) {
                at = at.children.computeIfAbsent(segment, name -> new Directory());
            }
            at.trees.add(parts[i]);
        }
        return root;
    }

    private ObjectId write(Directory directory, SplitLayout layout) throws IOException {
        if (directory.children.isEmpty() && directory.trees.size() == 1) {
            return directory.trees.getFirst();
        }
        Map<String, Entry> entries = new TreeMap<>();
        for (ObjectId tree : directory.trees) {
            mergeInto(entries, tree, layout);
        }
        for (var child : directory.children.entrySet()) {
            ObjectId written = write(child.getValue(), layout);
            add(entries, new Entry(bytes(child.getKey()), FileMode.TREE, written), layout);
        }
        return insert(entries);
    }

    /** Adds a directory to a tree's entries, merging it file by file with a directory of the same name. */
    private void add(Map<String, Entry> entries, Entry directory, SplitLayout layout) throws IOException {
        Entry existing = entries.get(directory.key());
        if (existing == null || existing.id().equals(directory.id())) {
            entries.put(directory.key(), directory);
            return;
        }
        if (!FileMode.TREE.equals(existing.mode())) {
            throw collision(directory, layout);
        }
        Map<String, Entry> merged = read(existing.id());
        mergeInto(merged, directory.id(), layout);
        entries.put(directory.key(), new Entry(directory.name(), FileMode.TREE, insert(merged)));
    }

    /** Adds a tree's entries to {@code entries}: directories merged, a file only where no other file has its name. */
    private void mergeInto(Map<String, Entry> entries, ObjectId tree, SplitLayout layout) throws IOException {
        for (Entry entry : read(tree).values()) {
            if (FileMode.TREE.equals(entry.mode())) {
                add(entries, entry, layout);
            } else if (entries.containsKey(entry.key())
                    && !entries.get(entry.key()).equals(entry)) {
                throw collision(entry, layout);
            } else {
                entries.put(entry.key(), entry);
            }
        }
    }

    private static SplitFailure collision(Entry entry, SplitLayout layout) {
        return new SplitFailure(
                SplitFailure.Kind.INVALID_REQUEST,
                "paths " + layout + " put two different files named " + entry.key()
                        + " at one place in one commit: send one of the directories elsewhere");
    }

    private Map<String, Entry> read(ObjectId tree) throws IOException {
        var entries = new TreeMap<String, Entry>();
        for (var parser = new CanonicalTreeParser(null, trees.reader(), tree); !parser.eof(); parser.next()) {
            var name = new byte[parser.getNameLength()];
            parser.getName(name, 0);
            var entry = new Entry(name, parser.getEntryFileMode(), parser.getEntryObjectId());
            entries.put(entry.key(), entry);
        }
        return entries;
    }

    /** Writes entries in git's order: by name, a directory's name compared as if it ended in '/'. */
    private ObjectId insert(Map<String, Entry> entries) throws IOException {
        var sorted = new ArrayList<>(entries.values());
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.sortName(), b.sortName()));
        var formatter = new TreeFormatter();
        for (Entry entry : sorted) {
            formatter.append(entry.name(), entry.mode(), entry.id());
        }
        return inserter.insert(formatter);
    }

    /** A directory of the result: the source trees placed here, if any, and the directories placed below it. */
    private static final class Directory {
        final List<ObjectId> trees = new ArrayList<>(1);
        final Map<String, Directory> children = new TreeMap<>();
    }

    private record Key(SplitLayout layout, List<ObjectId> parts) {}

    private record Entry(byte[] name, FileMode mode, ObjectId id) {
        /** The name as a map key: one char per byte, so names that are not UTF-8 stay distinct. */
        String key() {
            return new String(name, StandardCharsets.ISO_8859_1);
        }

        byte[] sortName() {
            if (!FileMode.TREE.equals(mode)) {
                return name;
            }
            byte[] withSlash = Arrays.copyOf(name, name.length + 1);
            withSlash[name.length] = '/';
            return withSlash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Entry that
                    && Arrays.equals(name, that.name)
                    && mode.getBits() == that.mode.getBits()
                    && id.equals(that.id);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(name) * 31 + id.hashCode();
        }
    }
}
