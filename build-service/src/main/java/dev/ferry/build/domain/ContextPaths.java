package dev.ferry.build.domain;

import java.util.ArrayDeque;
import java.util.Deque;

/** Normalised slash-separated paths: in the image (absolute) and in the build context (relative, never escaping it). */
final class ContextPaths {

    private ContextPaths() {}

    /**
     * Resolves {@code .} and {@code ..} and repeated slashes. An absolute path stays under {@code /}; a context path
     * that climbs out of the context is rejected, since Docker cannot see files there either.
     */
    static String normalize(String path, boolean absolute) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty() && !absolute) {
                    throw new IllegalArgumentException("'" + path + "' is outside the build context");
                }
                parts.pollLast();
                continue;
            }
            parts.addLast(part);
        }
        String joined = String.join("/", parts);
        return absolute ? "/" + joined : joined;
    }

    /** The last segment of a path. */
    static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** {@code directory + "/" + relative} without doubled slashes. */
    static String join(String directory, String relative) {
        return directory.endsWith("/") ? directory + relative : directory + "/" + relative;
    }
}
