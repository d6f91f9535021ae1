package dev.ferry.build.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A semantic version read from a git tag such as {@code v1.4.2} or {@code 1.4.2-rc.1}. */
record SemanticVersion(int major, int minor, int patch, String preRelease) implements Comparable<SemanticVersion> {

    private static final Pattern TAG = Pattern.compile(
            "v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");

    private static final Comparator<SemanticVersion> ORDER = Comparator.comparingInt(SemanticVersion::major)
            .thenComparingInt(SemanticVersion::minor)
            .thenComparingInt(SemanticVersion::patch)
            // A release ranks above its pre-releases.
            .thenComparing(v -> v.preRelease() == null ? "\uffff" : v.preRelease());

    static Optional<SemanticVersion> fromTag(String tag) {
        Matcher m = TAG.matcher(tag);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SemanticVersion(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4)));
    }

    /** The highest version among the tags, if any tag is one. */
    static Optional<SemanticVersion> highest(List<String> tags) {
        return tags.stream()
                .map(SemanticVersion::fromTag)
                .flatMap(Optional::stream)
                .max(ORDER);
    }

    @Override
    public int compareTo(SemanticVersion other) {
        return ORDER.compare(this, other);
    }

    /** Without the build metadata, which a registry tag cannot hold ({@code +} is not allowed there). */
    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease == null ? "" : "-" + preRelease);
    }
}
