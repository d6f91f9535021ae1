package dev.ferry.repo.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's REST API for repository settings as a WireMock server that keeps state: a setting written is read back,
 * with the request and response shapes of GitHub's documentation (branch protection, topics, description, Actions
 * variables, Actions secrets under a libsodium public key, webhooks), and what a workflow run needs (a file's
 * contents, workflow dispatches, runs and their jobs, see {@link Actions}), and pull requests listed and opened (see
 * {@link PullsEndpoints}). A refusal or a rate limit can be staged per
 * request. Tests assert the exact requests through {@link #server()}.
 */
public final class GithubStandIn implements ResponseDefinitionTransformerV2, AutoCloseable {

    private static final Pattern REPO = Pattern.compile("^/repos/([^/]+)/([^/]+)(/.*)?$");
    private static final Pattern TEAM_REPO = Pattern.compile("^/orgs/([^/]+)/teams/([^/]+)/repos/([^/]+)/([^/]+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What GitHub holds for one repository. */
    public static final class Repository {
        /** The files of the default branch by path, as the contents API serves them. */
        public final Map<String, String> files = new ConcurrentHashMap<>();
        /** Its workflows' dispatches and runs. */
        public final Actions actions;

        final Map<String, ObjectNode> protection = new ConcurrentHashMap<>();
        volatile String description;
        volatile List<String> topics = List.of();
        final Map<String, String> variables = new ConcurrentHashMap<>();
        /** Each team's permission on the repository, by slug. */
        public final Map<String, String> teams = new ConcurrentHashMap<>();
        /** Secrets by name: the sealed value as written, base64. */
        public final Map<String, String> secrets = new ConcurrentHashMap<>();

        final List<ObjectNode> hooks = new ArrayList<>();
        /** The plain secret of each hook, which GitHub never shows, by hook id. */
        public final Map<Long, String> hookSecrets = new ConcurrentHashMap<>();

        /** Branch protection of {@code branch} as GitHub shows it, if any. */
        public Optional<ObjectNode> protection(String branch) {
            return Optional.ofNullable(protection.get(branch));
        }

        public String description() {
            return description;
        }

        public List<String> topics() {
            return topics;
        }

        public Map<String, String> variables() {
            return Map.copyOf(variables);
        }

        public List<ObjectNode> hooks() {
            synchronized (hooks) {
                return List.copyOf(hooks);
            }
        }

        private final List<ObjectNode> pullRequests = new ArrayList<>();
        private final String webUrl;

        /** The pull requests opened, oldest first. */
        public List<ObjectNode> pullRequests() {
            synchronized (pullRequests) {
                return List.copyOf(pullRequests);
            }
        }

        ObjectNode addPullRequest(java.util.function.IntFunction<ObjectNode> numbered) {
            synchronized (pullRequests) {
                ObjectNode pull = numbered.apply(pullRequests.size() + 1);
                pullRequests.add(pull);
                return pull;
            }
        }

        /** The repository's page, the root of its pull requests' {@code html_url}. */
        String webUrl() {
            return webUrl;
        }

        Repository(String owner, String name, String host) {
            this.actions = new Actions(owner, name, host);
            this.webUrl = "http://" + host + "/" + owner + "/" + name;
        }
    }

    private record Staged(String method, String path, int status, Map<String, String> headers) {}

    private final RepositoryEndpoints endpoints;
    private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
    private final List<Staged> staged = new ArrayList<>();
    private final WireMockServer server;

    /** Starts the stand-in; its secrets' public key is {@code keys}' (made by libsodium, to open what Ferry seals). */
    public static GithubStandIn start(Libsodium.KeyPair keys) {
        return new GithubStandIn(keys);
    }

    private GithubStandIn(Libsodium.KeyPair keys) {
        this.endpoints = new RepositoryEndpoints(keys, "568250167242549743", new AtomicLong(1000));
        this.server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(this));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse()));
    }

    public WireMockServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** The host and port clone URLs name for this GitHub ({@code 127.0.0.1:port}). */
    public String host() {
        return "127.0.0.1:" + server.port();
    }

    /** A repository that exists, with its default branch {@code main}. */
    public Repository repository(String owner, String name) {
        return repositories.computeIfAbsent(owner + "/" + name, key -> new Repository(owner, name, host()));
    }

    /** The next {@code method path} is answered with {@code status} and {@code headers} instead of its effect. */
    public void stage(String method, String path, int status, Map<String, String> headers) {
        synchronized (staged) {
            staged.add(new Staged(method, path, status, headers));
        }
    }

    @Override
    public String getName() {
        return "github-stand-in";
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String method = event.getRequest().getMethod().getName();
        String path = event.getRequest().getUrl().replaceFirst("\\?.*$", "");
        Optional<Staged> refusal = takeStaged(method, path);
        if (refusal.isPresent()) {
            var builder = ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(refusal.get().status())
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(RepositoryEndpoints.message(
                                    refusal.get().status() == 403
                                            ? "Resource not accessible by integration"
                                            : "You have exceeded a secondary rate limit")
                            .toString());
            refusal.get().headers().forEach(builder::withHeader);
            return builder.build();
        }
        Matcher team = TEAM_REPO.matcher(path);
        if (team.matches()) {
            Repository repository = repositories.get(team.group(3) + "/" + team.group(4));
            try {
                return repository == null
                        ? RepositoryEndpoints.json(404, RepositoryEndpoints.message("Not Found"))
                        : endpoints.team(repository, method, team.group(2), team.group(3), team.group(4), body(event));
            } catch (IOException e) {
                return RepositoryEndpoints.json(400, RepositoryEndpoints.message("Problems parsing JSON"));
            }
        }
        Matcher matcher = REPO.matcher(path);
        Repository repository = matcher.matches() ? repositories.get(matcher.group(1) + "/" + matcher.group(2)) : null;
        if (repository == null) {
            return RepositoryEndpoints.json(404, RepositoryEndpoints.message("Not Found"));
        }
        String rest = matcher.group(3) == null ? "" : matcher.group(3);
        try {
            if (PullsEndpoints.serves(rest)) {
                return PullsEndpoints.handle(repository, method, matcher.group(1), query(event), body(event));
            }
            if (ActionsEndpoints.serves(rest)) {
                return ActionsEndpoints.handle(repository, method, rest, query(event), body(event));
            }
            return endpoints.handle(repository, method, rest, matcher.group(1), matcher.group(2), body(event));
        } catch (IOException e) {
            return RepositoryEndpoints.json(400, RepositoryEndpoints.message("Problems parsing JSON"));
        }
    }

    private Optional<Staged> takeStaged(String method, String path) {
        synchronized (staged) {
            for (int i = 0; i < staged.size(); i++) {
                if (staged.get(i).method().equals(method)
                        && staged.get(i).path().equals(path)) {
                    return Optional.of(staged.remove(i));
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> query(ServeEvent event) {
        String url = event.getRequest().getUrl();
        Map<String, String> query = new HashMap<>();
        if (url.contains("?")) {
            for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(decode(parts[0]), parts.length == 2 ? decode(parts[1]) : "");
            }
        }
        return query;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static JsonNode body(ServeEvent event) throws IOException {
        String body = event.getRequest().getBodyAsString();
        return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Forgets every repository, staged answer and request. */
    public void reset() {
        repositories.clear();
        synchronized (staged) {
            staged.clear();
        }
        server.resetRequests();
    }
}
