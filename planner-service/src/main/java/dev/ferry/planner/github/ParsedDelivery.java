package dev.ferry.planner.github;

import java.util.List;

/** The result of reading a delivery's body: the delivery, or everything that is wrong with the body at once. */
public sealed interface ParsedDelivery {

    record Valid(GithubDelivery delivery) implements ParsedDelivery {}

    record Invalid(List<String> problems) implements ParsedDelivery {
        public Invalid {
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid delivery names at least one problem");
            }
            problems = List.copyOf(problems);
        }

        public String summary() {
            return String.join("; ", problems);
        }
    }
}
