package dev.ferry.build.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A path pattern as Docker reads them in {@code .dockerignore} and COPY sources: Go's {@code filepath.Match} syntax
 * ({@code *}, {@code ?}, {@code [a-z]}, {@code [^a]}, backslash escapes) for each slash-separated segment, plus a
 * {@code **} segment for any number of directories.
 *
 * <p>Matching never backtracks: the segments are run as a set of pattern positions over the path's segments, and each
 * segment is matched by {@link GlobSegment} in time bounded by its length times the pattern's. So a hostile pattern such
 * as {@code a*a*a*a*b} or {@code **}{@code /**}{@code /x} costs time linear in the path's length, not exponential.
 */
final class Glob {

    private final List<GlobSegment> segments;

    private Glob(List<GlobSegment> segments) {
        this.segments = segments;
    }

    /** The pattern; an unclosed {@code [} is refused with an {@link IllegalArgumentException} naming it. */
    static Glob of(String pattern) {
        var segments = new ArrayList<GlobSegment>();
        for (String segment : pattern.split("/")) {
            if (segment.equals("**")) {
                segments.add(GlobSegment.ANY_DIRECTORIES);
            } else if (!segment.isEmpty()) {
                segments.add(GlobSegment.of(segment, pattern));
            }
        }
        return new Glob(segments);
    }

    static boolean hasWildcard(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
    }

    /** Whether the whole of {@code path} (relative, slash-separated) matches. */
    boolean matches(String path) {
        int[] ends = matchingPrefixes(path);
        return ends.length > 0 && ends[ends.length - 1] == path.length();
    }

    /** Whether {@code path} or one of the directories above it matches. */
    boolean matchesItselfOrParent(String path) {
        return matchingPrefixes(path).length > 0;
    }

    /**
     * The lengths of the prefixes of {@code path} that end at a segment boundary (a directory above it, or the path
     * itself) and match, shortest first; found in one pass over the path.
     */
    int[] matchingPrefixes(String path) {
        IntStream.Builder ends = IntStream.builder();
        boolean[] active = closed(new boolean[segments.size() + 1], 0);
        for (int start = 0; start <= path.length() && any(active); ) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            active = step(active, path, start, end);
            if (active[segments.size()]) {
                ends.add(end);
            }
            start = end + 1;
        }
        return ends.build().toArray();
    }

    /** The pattern positions reached from {@code active} by reading the path segment {@code path[start, end)}. */
    private boolean[] step(boolean[] active, String path, int start, int end) {
        boolean[] next = new boolean[active.length];
        for (int i = 0; i < segments.size(); i++) {
            if (!active[i]) {
                continue;
            }
            GlobSegment segment = segments.get(i);
            if (segment == GlobSegment.ANY_DIRECTORIES) {
                next[i] = true;
            } else if (segment.matches(path, start, end)) {
                next[i + 1] = true;
            }
        }
        return closed(next, -1);
    }

    /** Adds the positions reached by letting {@code **} match no segment; marks {@code start} first if given. */
    private boolean[] closed(boolean[] positions, int start) {
        if (start >= 0) {
            positions[start] = true;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (positions[i] && segments.get(i) == GlobSegment.ANY_DIRECTORIES) {
                positions[i + 1] = true;
            }
        }
        return positions;
    }

    private static boolean any(boolean[] positions) {
        for (boolean position : positions) {
            if (position) {
                return true;
            }
        }
        return false;
    }
}
