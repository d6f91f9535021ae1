package dev.ferry.planner.domain.run;

import java.util.Locale;

/** Compares a repository URL from a plan with GitHub's {@code owner/name}. */
final class RepositoryNames {

    private RepositoryNames() {}

    /** Whether the URL or path names the repository {@code owner/name} (case-insensitive, with or without .git). */
    static boolean same(String url, String ownerAndName) {
        String wanted = "/" + strip(ownerAndName);
        String given = strip(url.replace(':', '/'));
        return given.endsWith(wanted) || given.equals(strip(ownerAndName));
    }

    private static String strip(String name) {
        String lower = name.toLowerCase(Locale.ROOT).trim();
        if (lower.endsWith("/")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        return lower.endsWith(".git") ? lower.substring(0, lower.length() - 4) : lower;
    }
}
