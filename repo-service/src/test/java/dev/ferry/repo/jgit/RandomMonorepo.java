package dev.ferry.repo.jgit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Random monorepo histories (seeded, so a failure reproduces) with branches, merges of every shape, files moving
 * between services and shared code, services deleted and re-created, and empty commits; services svc/a, svc/b and web,
 * shared code in shared/.
 */
public final class RandomMonorepo {

    public static final List<String> DIRECTORIES = List.of("svc/a", "svc/b", "web", "shared");

    private RandomMonorepo() {}

    /** Writes a random history of about {@code steps} commits on branch main. */
    public static void generate(Path source, Random random, int steps) throws Exception {
        try (var repo = new HistoryBuilder(source)) {
            var files = new LinkedHashMap<String, String>();
            files.put("README.md", "monorepo\n");
            for (String directory : DIRECTORIES) {
                files.put(directory + "/f0", "0\n");
            }
            var heads = new ArrayList<ObjectId>();
            var trees = new ArrayList<Map<String, String>>();
            heads.add(repo.commit("root\n", files));
            trees.add(files);
            for (int step = 0; step < steps; step++) {
                int branch = random.nextInt(heads.size());
                int roll = random.nextInt(100);
                if (roll < 12 && heads.size() > 1) {
                    int other = (branch + 1 + random.nextInt(heads.size() - 1)) % heads.size();
                    var merged = mergeTrees(trees.get(branch), trees.get(other), random);
                    heads.set(branch, repo.commit("merge " + step + "\n", merged, heads.get(branch), heads.get(other)));
                    trees.set(branch, merged);
                    if (random.nextBoolean()) {
                        heads.remove(other);
                        trees.remove(other);
                    }
                } else if (roll < 20 && heads.size() < 4) {
                    heads.add(heads.get(branch));
                    trees.add(trees.get(branch));
                } else {
                    var changed = change(trees.get(branch), random, step);
                    heads.set(branch, repo.commit("change " + step + "\n", changed, heads.get(branch)));
                    trees.set(branch, changed);
                }
            }
            ObjectId main = heads.getFirst();
            var mainTree = trees.getFirst();
            for (int i = 1; i < heads.size(); i++) {
                mainTree = mergeTrees(mainTree, trees.get(i), random);
                main = repo.commit("final merge " + i + "\n", mainTree, main, heads.get(i));
            }
            for (String directory : DIRECTORIES) {
                if (mainTree.keySet().stream().noneMatch(path -> path.startsWith(directory + "/"))) {
                    mainTree = new LinkedHashMap<>(mainTree);
                    mainTree.put(directory + "/f0", "back\n");
                    main = repo.commit("restore " + directory + "\n", mainTree, main);
                }
            }
            repo.branch("main", main);
        }
    }

    private static Map<String, String> change(Map<String, String> tree, Random random, int step) {
        var changed = new LinkedHashMap<>(tree);
        String directory = DIRECTORIES.get(random.nextInt(DIRECTORIES.size()));
        int kind = random.nextInt(100);
        if (kind < 8) {
            return changed; // an empty commit
        } else if (kind < 14) {
            changed.keySet().removeIf(path -> path.startsWith(directory + "/")); // delete the directory
        } else if (kind < 24 && !changed.isEmpty()) {
            var paths = new ArrayList<>(changed.keySet());
            String from = paths.get(random.nextInt(paths.size()));
            String to = DIRECTORIES.get(random.nextInt(DIRECTORIES.size())) + "/moved" + step;
            changed.put(to, changed.remove(from)); // a rename across directories
        } else {
            changed.put(directory + "/f" + random.nextInt(3), "step " + step + "\n");
        }
        return changed;
    }

    private static Map<String, String> mergeTrees(Map<String, String> ours, Map<String, String> theirs, Random random) {
        var merged = new LinkedHashMap<>(ours);
        theirs.forEach((path, content) -> {
            if (!content.equals(merged.get(path)) && random.nextBoolean()) {
                merged.put(path, content);
            }
        });
        return merged;
    }
}
