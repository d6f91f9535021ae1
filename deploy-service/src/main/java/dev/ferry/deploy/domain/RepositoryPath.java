package dev.ferry.deploy.domain;

/** Checks a file path inside a repository: relative, forward slashes, never leaving the repository. */
public final class RepositoryPath {

    private RepositoryPath() {}

    public static String of(String path) {
        if (path == null || path.isBlank()) {
            throw StepFailure.invalid("GitOps file path is blank; the plan must name the file to edit");
        }
        String normal = path.replace('\\', '/');
        if (normal.startsWith("/") || normal.matches("^[A-Za-z]:.*")) {
            throw StepFailure.invalid(
                    "GitOps file path '" + path + "' is absolute; give it relative to the repository");
        }
        for (String part : normal.split("/")) {
            if (part.equals("..") || part.equals(".git")) {
                throw StepFailure.invalid("GitOps file path '" + path + "' leaves the repository or enters .git");
            }
        }
        return normal;
    }
}
