package dev.ferry.repo.jgit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * git filter-repo run the way users run it today, once per service, on a fresh bare clone of the source branch: the
 * oracle for Ferry's split.
 */
public record FilterRepo(Path repository, List<String> commits, Map<String, String> sourceToSplit) {

    private static final String EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    public static FilterRepo subdirectoryFilter(Path source, String branch, String path, Path scratch)
            throws IOException, InterruptedException {
        return run(source, branch, "filter-repo-" + path.replace('/', '_'), scratch, "--subdirectory-filter", path);
    }

    /**
     * {@code git filter-repo --to-subdirectory-filter <directory> --tag-rename '':'<directory>/'}: what people run on
     * each repository they bring into a monorepo, its tags renamed into its directory; the clone is {@code name}.
     */
    public static FilterRepo toSubdirectory(Path source, String branch, String directory, String name, Path scratch)
            throws IOException, InterruptedException {
        return run(
                source,
                branch,
                name,
                scratch,
                "--to-subdirectory-filter",
                directory,
                "--tag-rename",
                ":" + directory + "/");
    }

    /**
     * {@code git filter-repo --path A/ --path B/ --path-rename A/:X/ ...}: each entry of {@code moves} is a source
     * directory and its place in the result ("" for the root).
     */
    public static FilterRepo paths(Path source, String branch, Map<String, String> moves, String name, Path scratch)
            throws IOException, InterruptedException {
        var arguments = new java.util.ArrayList<String>();
        moves.keySet().forEach(from -> arguments.addAll(List.of("--path", from + "/")));
        moves.forEach((from, to) -> {
            if (!from.equals(to)) {
                arguments.addAll(List.of("--path-rename", from + "/:" + (to.isEmpty() ? "" : to + "/")));
            }
        });
        return run(source, branch, "filter-repo-" + name, scratch, arguments.toArray(String[]::new));
    }

    private static FilterRepo run(Path source, String branch, String name, Path scratch, String... filter)
            throws IOException, InterruptedException {
        Path clone = scratch.resolve(name);
        GitCli.run(
                scratch,
                "clone",
                "--quiet",
                "--bare",
                "--no-local",
                "--single-branch",
                "--branch",
                branch,
                source.toString(),
                clone.toString());
        var command = new java.util.ArrayList<>(List.of("filter-repo", "--quiet", "--force"));
        command.addAll(List.of(filter));
        GitCli.run(clone, command.toArray(String[]::new));
        var map = new HashMap<String, String>();
        for (String line : Files.readAllLines(clone.resolve("filter-repo/commit-map"))) {
            String[] parts = line.split(" ");
            if (parts.length == 2 && !parts[0].equals("old")) {
                map.put(parts[0], parts[1]);
            }
        }
        List<String> commits = GitCli.lines(clone, "rev-list", "--topo-order", "--reverse", branch);
        return new FilterRepo(clone, commits, map);
    }

    /**
     * Whether every commit filter-repo kept, and its branch tip, has the tree of {@code <source commit>:<path>}: true for
     * filter-repo 2.47+, false where Debian's 2.38 visibly hits its merge-pruning bug (SPLIT-NOTES.md). A merge 2.38
     * pruned wrongly in the middle of a history can still pass when later commits restore the tree.
     */
    boolean keepsSourceTrees(Path source, String branch, String path) throws IOException, InterruptedException {
        String tipTree = GitCli.run(repository, "rev-parse", branch + "^{tree}").trim();
        if (!tipTree.equals(sourceTree(source, branch, path))) {
            return false; // the tip was pruned by the 2.38 merge rule and the branch fell back to an older tree
        }
        for (var entry : sourceToSplit.entrySet()) {
            if (entry.getValue().matches("0+")) {
                continue;
            }
            String splitTree = GitCli.run(repository, "rev-parse", entry.getValue() + "^{tree}")
                    .trim();
            String sourceTree = sourceTree(source, entry.getKey(), path);
            if (!splitTree.equals(sourceTree)) {
                return false;
            }
        }
        return true;
    }

    private static String sourceTree(Path source, String commit, String path) throws IOException, InterruptedException {
        try {
            return GitCli.run(source, "rev-parse", commit + ":" + path).trim();
        } catch (IllegalStateException absent) {
            return EMPTY_TREE;
        }
    }

    /** The installed filter-repo's version, recorded with the comparison (Debian's 2.38 has a merge-pruning bug). */
    static String version() throws IOException, InterruptedException {
        return GitCli.run(Path.of("."), "filter-repo", "--version").trim();
    }
}
