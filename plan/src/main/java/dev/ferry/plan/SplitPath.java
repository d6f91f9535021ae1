package dev.ferry.plan;

import java.util.List;
import java.util.Optional;

/**
 * One of the directories a service with several {@code paths} is split from, and where it goes in the service's
 * repository: written {@code libs/common/ -> common/}, {@code services/user/ -> ./} (the root), or {@code libs/common/}
 * alone (kept where it is). The split is {@code git filter-repo --path A/ --path B/ --path-rename A/:X/}.
 *
 * @param from the directory in the source repository, normalised ({@code libs/common})
 * @param to the directory in the service's repository, normalised, empty for its root
 */
public record SplitPath(String from, String to) {

    private static final String ARROW = "->";

    public SplitPath {
        ServicePath.of(from);
        if (!to.isEmpty()) {
            ServicePath.problem(to).ifPresent(problem -> {
                throw new IllegalArgumentException("target \"" + to + "\" " + problem);
            });
        }
    }

    /** Reads the written form; throws with {@link #problem}'s words when it is not valid. */
    public static SplitPath parse(String written) {
        problem(written).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        int arrow = written.indexOf(ARROW);
        String from = directory(arrow < 0 ? written : written.substring(0, arrow));
        return new SplitPath(from, arrow < 0 ? from : directory(written.substring(arrow + ARROW.length())));
    }

    /** What is wrong with a written entry, as a sentence about it, or empty when it is fine. */
    public static Optional<String> problem(String written) {
        int arrow = written.indexOf(ARROW);
        if (arrow >= 0 && written.indexOf(ARROW, arrow + 1) >= 0) {
            return Optional.of("\"" + written + "\" has two \"->\"; write one move: libs/common/ -> common/");
        }
        String from = directory(arrow < 0 ? written : written.substring(0, arrow));
        if (from.isEmpty()) {
            return Optional.of("\"" + written + "\" names no source directory; write e.g. libs/common/ -> common/");
        }
        Optional<String> fromProblem = ServicePath.problem(from).map(p -> "source directory \"" + from + "\" " + p);
        if (fromProblem.isPresent() || arrow < 0) {
            return fromProblem;
        }
        String to = directory(written.substring(arrow + ARROW.length()));
        return to.isEmpty() ? Optional.empty() : ServicePath.problem(to).map(p -> "target \"" + to + "\" " + p);
    }

    /** Two entries whose source directories overlap (the files of the inner one would be copied twice), if any. */
    public static Optional<String> overlap(List<SplitPath> paths) {
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                String a = paths.get(i).from();
                String b = paths.get(j).from();
                if (a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/")) {
                    return Optional.of("paths " + a + "/ and " + b
                            + "/ overlap: one is inside the other, so its files would be copied twice; list only the"
                            + " outer one");
                }
            }
        }
        return Optional.empty();
    }

    /** A written directory without trailing slashes; {@code ./} and {@code .} are the root (empty). */
    private static String directory(String written) {
        String path = written.strip();
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.equals(".")) {
            return "";
        }
        return path.startsWith("./") ? path.substring(2) : path;
    }

    @Override
    public String toString() {
        return from + "/ -> " + (to.isEmpty() ? "./" : to + "/");
    }
}
