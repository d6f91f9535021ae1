package dev.ferry.build.domain;

import java.util.function.Function;

/** Port: checks a commit of a service's repository out into a private directory for as long as a build needs it. */
public interface SourceCheckouts {

    /**
     * Checks {@code commit} of {@code repository} out, hands it to {@code build} and removes the directory afterwards;
     * fails with a {@link BuildFailure} when the repository or the commit cannot be found.
     */
    <T> T withCheckout(String repository, String commit, Function<BuildContext, T> build);
}
