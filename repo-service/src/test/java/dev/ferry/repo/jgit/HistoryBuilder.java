package dev.ferry.repo.jgit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * Writes a real bare repository commit by commit, each commit given as its whole file tree, with the raw commit bytes
 * under the test's control: extra headers (gpgsig), encodings, messages without a final newline.
 */
final class HistoryBuilder implements AutoCloseable {

    /** File content that makes the entry a submodule (gitlink) at the commit id that follows. */
    static final String GITLINK = "gitlink:";

    private final Repository repository;
    private final ObjectInserter inserter;
    private long time = 1_700_000_000L;

    HistoryBuilder(Path directory) throws IOException, GitAPIException {
        Git git = Git.init()
                .setBare(true)
                .setInitialBranch("main")
                .setDirectory(directory.toFile())
                .call();
        this.repository = git.getRepository();
        this.inserter = repository.newObjectInserter();
    }

    Repository repository() {
        return repository;
    }

    ObjectId commit(String message, Map<String, String> files, ObjectId... parents) throws IOException {
        return commit(message.getBytes(StandardCharsets.UTF_8), "", files, parents);
    }

    /** @param extraHeaders header lines (each ending in \n) placed after committer, e.g. encoding or gpgsig */
    ObjectId commit(byte[] message, String extraHeaders, Map<String, String> files, ObjectId... parents)
            throws IOException {
        var out = new ByteArrayOutputStream();
        out.writeBytes(("tree " + tree(files).name() + "\n").getBytes(StandardCharsets.US_ASCII));
        for (ObjectId parent : parents) {
            out.writeBytes(("parent " + parent.name() + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        time += 60;
        out.writeBytes(("author Ada Lovelace <ada@example.com> " + time + " +0100\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("committer Grace Hopper <grace@example.com> " + (time + 5) + " -0500\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(extraHeaders.getBytes(StandardCharsets.ISO_8859_1));
        out.write('\n');
        out.writeBytes(message);
        ObjectId id = inserter.insert(Constants.OBJ_COMMIT, out.toByteArray());
        inserter.flush();
        return id;
    }

    void branch(String name, ObjectId commit) throws IOException {
        RefUpdate update = repository.updateRef(Constants.R_HEADS + name);
        update.setNewObjectId(commit);
        update.setForceUpdate(true);
        update.update();
    }

    private ObjectId tree(Map<String, String> files) throws IOException {
        var root = new TreeMap<String, Object>();
        files.forEach((path, content) -> put(root, List.of(path.split("/")), content));
        return write(root);
    }

    @SuppressWarnings("unchecked")
    private static void put(TreeMap<String, Object> dir, List<String> segments, String content) {
        if (segments.size() == 1) {
            dir.put(segments.getFirst(), content);
            return;
        }
        var child =
                (TreeMap<String, Object>) dir.computeIfAbsent(segments.getFirst(), k -> new TreeMap<String, Object>());
        put(child, segments.subList(1, segments.size()), content);
    }

    @SuppressWarnings("unchecked")
    private ObjectId write(TreeMap<String, Object> dir) throws IOException {
        // git sorts a directory's entries as if directory names ended in '/'.
        var sorted = new TreeMap<String, Object>();
        dir.forEach((name, value) -> sorted.put(value instanceof Map ? name + "/" : name, value));
        var formatter = new TreeFormatter();
        for (var entry : sorted.entrySet()) {
            if (entry.getValue() instanceof TreeMap<?, ?> child) {
                String name = entry.getKey().substring(0, entry.getKey().length() - 1);
                formatter.append(name, FileMode.TREE, write((TreeMap<String, Object>) child));
            } else if (((String) entry.getValue()).startsWith(GITLINK)) {
                // A submodule: the tree names a commit of another repository, which this one never holds.
                formatter.append(
                        entry.getKey(),
                        FileMode.GITLINK,
                        ObjectId.fromString(((String) entry.getValue()).substring(GITLINK.length())));
            } else {
                ObjectId blob = inserter.insert(
                        Constants.OBJ_BLOB, ((String) entry.getValue()).getBytes(StandardCharsets.UTF_8));
                formatter.append(entry.getKey(), FileMode.REGULAR_FILE, blob);
            }
        }
        return inserter.insert(formatter);
    }

    @Override
    public void close() {
        inserter.close();
        repository.close();
    }
}
