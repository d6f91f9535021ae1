package dev.ferry.plan.yaml;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * The check of a URL that receives something secret-bearing (a webhook signed with a shared secret): https, or http
 * only on this machine, where nothing crosses a network.
 */
final class HttpsUrl {

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private HttpsUrl() {}

    /** Whether the URL is acceptable; reports why not otherwise. */
    static boolean check(Located<String> url, Problems problems) {
        if (!CredentialFreeUrls.check(url, problems)) {
            return false;
        }
        String reason = problem(url.value());
        if (reason != null) {
            problems.add(url.node(), url.path(), "\"" + url.value() + "\" " + reason);
        }
        return reason == null;
    }

    private static String problem(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return "is not a URL; write https://host/path";
        }
        if (uri.getHost() == null) {
            return "is not an absolute URL; write https://host/path";
        }
        if ("https".equals(uri.getScheme())) {
            return null;
        }
        if ("http".equals(uri.getScheme()) && LOCAL_HOSTS.contains(uri.getHost())) {
            return null;
        }
        return "is not https; only https carries a webhook's signature safely (http only for localhost)";
    }
}
