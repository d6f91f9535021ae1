package dev.ferry.plan.action;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One smoke check of a deploy phase's {@code checks}, written on one line: {@code [METHOD] URL [STATUS] [contains
 * TEXT | json PATH=VALUE]}, for example {@code GET https://{service}.{env}.example.com/health 200 json $.status=UP}. The
 * URL is a template with {@code {service}} and {@code {env}}, so one line checks every service in every environment.
 * The plan reader and deploy-service read it with {@link #parse} alone.
 *
 * @param method GET unless given
 * @param status the expected HTTP status, 200 unless given
 * @param contains text the body must contain; empty for none
 * @param jsonPath a JSON path ({@code $.a.b[0]}) whose value must equal {@link #jsonValue}; empty for none
 */
public record SmokeCheck(
        String name,
        String method,
        String url,
        int status,
        Optional<String> contains,
        Optional<String> jsonPath,
        Optional<String> jsonValue) {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");

    /** @throws IllegalArgumentException saying what is wrong with the line, for the reader to place */
    public static SmokeCheck parse(String name, String line) {
        List<String> words = List.of(line.strip().split("\\s+", 4));
        int at = 0;
        String method = "GET";
        if (METHODS.contains(words.getFirst().toUpperCase(Locale.ROOT))) {
            method = words.getFirst().toUpperCase(Locale.ROOT);
            at++;
        }
        if (at >= words.size()) {
            throw new IllegalArgumentException("check " + name + " names no URL; write [METHOD] URL [STATUS] [contains"
                    + " TEXT | json PATH=VALUE]");
        }
        String url = checkedUrl(name, words.get(at++));
        int status = 200;
        if (at < words.size() && words.get(at).matches("\\d{3}")) {
            status = Integer.parseInt(words.get(at++));
        }
        String rest = String.join(" ", words.subList(at, words.size())).strip();
        return withBody(
                new SmokeCheck(name, method, url, status, Optional.empty(), Optional.empty(), Optional.empty()), rest);
    }

    private static SmokeCheck withBody(SmokeCheck check, String rest) {
        if (rest.isEmpty()) {
            return check;
        }
        if (rest.startsWith("contains ")) {
            return new SmokeCheck(
                    check.name,
                    check.method,
                    check.url,
                    check.status,
                    Optional.of(rest.substring("contains ".length()).strip()),
                    Optional.empty(),
                    Optional.empty());
        }
        if (rest.startsWith("json ") && rest.contains("=")) {
            String match = rest.substring("json ".length()).strip();
            int eq = match.indexOf('=');
            String path = match.substring(0, eq).strip();
            if (!path.startsWith("$")) {
                throw new IllegalArgumentException("check " + check.name + ": JSON path " + path + " must start at $");
            }
            return new SmokeCheck(
                    check.name,
                    check.method,
                    check.url,
                    check.status,
                    Optional.empty(),
                    Optional.of(path),
                    Optional.of(match.substring(eq + 1).strip()));
        }
        throw new IllegalArgumentException("check " + check.name + ": '" + rest + "' is neither a status, 'contains"
                + " TEXT' nor 'json PATH=VALUE'");
    }

    private static String checkedUrl(String name, String url) {
        String probe = url.replace("{service}", "service").replace("{env}", "env");
        try {
            URI uri = new URI(probe);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("check " + name + ": " + url + " is not an http(s) URL; smoke checks"
                        + " send HTTP requests only");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("check " + name + ": " + url + " is not a URL: " + e.getReason());
        }
        return url;
    }

    /** The URL for one service in one environment. */
    public String url(String service, String environment) {
        return url.replace("{service}", service).replace("{env}", environment);
    }

    @Override
    public String toString() {
        return name + " (" + method + " " + url + " -> " + status
                + contains.map(c -> ", body contains '" + c + "'").orElse("")
                + jsonPath.map(p -> ", " + p + " = " + jsonValue.orElse("")).orElse("") + ")";
    }
}
