package dev.ferry.build.domain;

import java.util.function.Function;

/** Port: checks a commit of a service's repository out into a private directory for as long as a build needs it. */
public interface SourceCheckouts {

    /**
     * Checks {@code commit} of {@code repository} out, hands it to {@code build} and removes the directory afterwards;
     * fails with a {@link BuildFailure} when the repository or the commit cannot be found.
     *
     * @param credentialRef the name of the credential that reads a private repository (its password the token), or
     *     null for a public one
     */
    <T> T withCheckout(String repository, String commit, String credentialRef, Function<BuildContext, T> build);
}
