package dev.ferry.deploy.domain;

/**
 * An image reference as written in a manifest, split where a tag or digest would go: {@code repo[:tag][@digest]}. The
 * repository part may hold a registry with a port ({@code localhost:5000/app}), so a colon only starts a tag after the
 * last slash.
 */
public record ImageReference(String repository, String tag, String digest) {

    public static ImageReference parse(String reference) {
        String rest = reference;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            return new ImageReference(rest.substring(0, colon), rest.substring(colon + 1), digest);
        }
        return new ImageReference(rest, null, digest);
    }

    public ImageReference with(String newTag, String newDigest) {
        return new ImageReference(repository, newTag, newDigest);
    }

    @Override
    public String toString() {
        return repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
