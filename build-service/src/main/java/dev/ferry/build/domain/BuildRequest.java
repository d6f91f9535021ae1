package dev.ferry.build.domain;

/**
 * One service to build: its repository and commit, the phase's environment (null outside one), its image settings and
 * the builder the plan asks for.
 *
 * @param commit a commit, or a revision resolved when the repository is fetched ({@code refs/remotes/origin/main}:
 *     the branch's head); tags and results name the commit it resolved to
 * @param contextPath the directory of the repository that is the build context, empty for the whole repository
 * @param credentialRef the credential that reads the repository when it is private, or null
 */
public record BuildRequest(
        String service,
        String repository,
        String commit,
        String environment,
        ImageSettings image,
        Builder builder,
        String contextPath,
        String credentialRef) {

    /** A build of a directory of a public repository, or of one whose credential is not needed to read it. */
    public BuildRequest(
            String service,
            String repository,
            String commit,
            String environment,
            ImageSettings image,
            Builder builder,
            String contextPath) {
        this(service, repository, commit, environment, image, builder, contextPath, null);
    }

    /** A build of the whole repository. */
    public BuildRequest(
            String service,
            String repository,
            String commit,
            String environment,
            ImageSettings image,
            Builder builder) {
        this(service, repository, commit, environment, image, builder, "", null);
    }

    /** The revision that is the head of {@code branch} once the repository is fetched. */
    public static String headOf(String branch) {
        return "refs/remotes/origin/" + branch;
    }
}
