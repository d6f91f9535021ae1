package dev.ferry.build.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, as Docker does, which context files one COPY or ADD puts where: a file goes to the destination (or into it
 * when the destination is a directory), a directory's contents go into the destination, wildcards match within one
 * directory level. The context is given as its list of files, already filtered by {@code .dockerignore}.
 */
public final class CopyPlanner {

    private CopyPlanner() {}

    /**
     * The files the instruction copies, in context order; fails when a source matches nothing, or when it takes a
     * symbolic link leading outside the context or goes through one.
     */
    public static List<FileCopy> plan(CopyInstruction copy, ContextFiles context) {
        Map<String, FileCopy> byTarget = new LinkedHashMap<>();
        for (String source : copy.sources()) {
            List<FileCopy> found = resolve(copy, source, context);
            if (found.isEmpty()) {
                throw BuildFailure.permanent(
                        FailureKind.INVALID_INPUT,
                        copy.line() + ": source '" + source + "' matches no file in the build context"
                                + " (files listed in .dockerignore are not part of it)");
            }
            found.forEach(file -> byTarget.put(file.target(), file));
        }
        return List.copyOf(byTarget.values());
    }

    private static List<FileCopy> resolve(CopyInstruction copy, String source, ContextFiles context) {
        String path;
        Glob glob;
        try {
            path = ContextPaths.normalize(source, false);
            glob = Glob.hasWildcard(path) ? Glob.of(path) : null;
        } catch (IllegalArgumentException malformed) {
            throw BuildFailure.permanent(FailureKind.INVALID_INPUT, copy.line() + ": source " + malformed.getMessage());
        }
        refuseLinksOutside(copy, source, path, glob, context.linksOutside());
        var copies = new ArrayList<FileCopy>();
        for (String file : context.files()) {
            String target = target(copy, path, glob, file);
            if (target != null) {
                copies.add(new FileCopy(file, target, copy.owner(), copy.mode()));
            }
        }
        return copies;
    }

    /** As Docker refuses a source that resolves outside the context, and the jib builder would copy the link's target. */
    private static void refuseLinksOutside(
            CopyInstruction copy, String source, String path, Glob glob, Map<String, String> linksOutside) {
        for (Map.Entry<String, String> link : linksOutside.entrySet()) {
            boolean throughLink = path.startsWith(link.getKey() + "/");
            if (throughLink || target(copy, path, glob, link.getKey()) != null) {
                throw BuildFailure.permanent(
                        FailureKind.INVALID_INPUT,
                        copy.line() + ": forbidden path outside the build context: " + link.getKey()
                                + " (a symbolic link to " + link.getValue() + ", taken by source '" + source
                                + "'); put the file itself in the repository, or list the link in .dockerignore"
                                + " if the image does not need it");
            }
        }
    }

    /** Where {@code file} lands when copied by source {@code path}, or null when the source does not cover it. */
    private static String target(CopyInstruction copy, String path, Glob glob, String file) {
        String destination = copy.destination();
        if (path.isEmpty()) {
            return ContextPaths.join(destination, file);
        }
        int[] matched = glob == null ? literalPrefix(path, file) : glob.matchingPrefixes(file);
        if (matched.length > 0 && matched[matched.length - 1] == file.length()) {
            return copy.destinationIsDirectory()
                    ? ContextPaths.join(destination, ContextPaths.baseName(file))
                    : destination;
        }
        // The shortest matching directory above the file is the one copied, so the rest of the path is kept.
        return matched.length > 0 ? ContextPaths.join(destination, file.substring(matched[0] + 1)) : null;
    }

    /** Like {@link Glob#matchingPrefixes} for a source without wildcards: the file itself or a directory above it. */
    private static int[] literalPrefix(String path, String file) {
        boolean covers = file.equals(path) || (file.startsWith(path) && file.charAt(path.length()) == '/');
        return covers ? new int[] {path.length()} : new int[0];
    }
}
