package dev.ferry.build.domain;

import java.util.Optional;

/** What an image reference ({@code host:5000/team/app:1}, {@code node:20}) says about where it lives. */
public final class ImageReferences {

    private ImageReferences() {}

    /** The registry host of a reference, by Docker's rule: a first part with a dot or a port, or localhost. */
    public static Optional<String> hostOf(String reference) {
        int slash = reference.indexOf('/');
        String first = slash < 0 ? "" : reference.substring(0, slash);
        boolean isHost = first.contains(".") || first.contains(":") || first.equals("localhost");
        return isHost ? Optional.of(first) : Optional.empty();
    }
}
