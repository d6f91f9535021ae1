package dev.ferry.testsupport;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * A real git smart-HTTP server for integration tests: JGit's {@link GitServlet} in an embedded Tomcat on a free
 * localhost port, serving bare repositories from a temporary directory, with HTTP basic auth for one user and token.
 * Clients (JGit, the git CLI) clone, fetch and push over {@code http://127.0.0.1:<port>/<name>.git} exactly as they
 * would against a hosted server.
 *
 * <pre>{@code
 * try (var server = SmartHttpGitServer.start("ferry", "s3cret")) {
 *     String url = server.createRepository("gitops");           // bare, initial branch main, no commits
 *     // clone / push with new UsernamePasswordCredentialsProvider("ferry", "s3cret")
 *     try (Repository bare = server.open("gitops")) { ... }     // inspect what was pushed
 * }
 * }</pre>
 */
public final class SmartHttpGitServer implements AutoCloseable {

    private final Path root;
    private final Tomcat tomcat;
    private final int port;
    private final AtomicInteger pushesReceived = new AtomicInteger();
    private volatile boolean denyNonFastForwards;
    private final AtomicReference<Consumer<Repository>> beforeNextPush = new AtomicReference<>();

    private SmartHttpGitServer(Path root, Tomcat tomcat, int port) {
        this.root = root;
        this.tomcat = tomcat;
        this.port = port;
    }

    /** Starts a server whose every request (clone, fetch and push) needs basic auth as {@code user}/{@code token}. */
    public static SmartHttpGitServer start(String user, String token) {
        try {
            Path root = Files.createTempDirectory("git-http-");
            var holder = new SmartHttpGitServer[1];
            var servlet = new GitServlet();
            servlet.setRepositoryResolver((request, name) -> holder[0].openForRequest(name));
            servlet.setReceivePackFactory((request, repository) -> holder[0].receivePack(repository));
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(root.resolve(".tomcat").toString());
            var connector = new Connector();
            connector.setPort(0);
            connector.setProperty("address", "127.0.0.1");
            tomcat.getService().addConnector(connector);
            tomcat.setConnector(connector);
            Context context = tomcat.addContext("", null);
            Tomcat.addServlet(context, "git", servlet);
            context.addServletMappingDecoded("/*", "git");
            addFilter(context, basicAuth(user, token));
            tomcat.start();
            holder[0] = new SmartHttpGitServer(root, tomcat, connector.getLocalPort());
            return holder[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LifecycleException e) {
            throw new IllegalStateException("embedded Tomcat for the git test server did not start", e);
        }
    }

    /** Creates an empty bare repository {@code name.git} whose HEAD is {@code main}; returns its clone URL. */
    public String createRepository(String name) {
        try {
            Git.init()
                    .setBare(true)
                    .setInitialBranch("main")
                    .setDirectory(directory(name).toFile())
                    .call()
                    .close();
            return url(name);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot create bare repository " + name, e);
        }
    }

    /** Clone URL of repository {@code name}, e.g. {@code http://127.0.0.1:41234/gitops.git}. */
    public String url(String name) {
        return "http://127.0.0.1:" + port + "/" + name + ".git";
    }

    /** The bare repository on disk, for a test to inspect what was pushed; close it after use. */
    public Repository open(String name) {
        try {
            return new FileRepositoryBuilder()
                    .setGitDir(directory(name).toFile())
                    .setMustExist(true)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path directory(String name) {
        return root.resolve(name + ".git");
    }

    /** Refuse pushes that are not fast-forwards, as a protected branch does (off by default). */
    public SmartHttpGitServer denyNonFastForwards(boolean deny) {
        this.denyNonFastForwards = deny;
        return this;
    }

    /**
     * Runs {@code change} once, inside the next push, after its objects arrived and before its refs are updated: what
     * someone else pushing at the same moment looks like to the pusher (its ref update then finds the ref moved).
     */
    public SmartHttpGitServer beforeNextPush(Consumer<Repository> change) {
        beforeNextPush.set(change);
        return this;
    }

    /** How many pushes updated at least one ref, for tests that count round trips. */
    public int pushesReceived() {
        return pushesReceived.get();
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException("embedded Tomcat did not stop", e);
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Repository openForRequest(String name) throws RepositoryNotFoundException {
        String bare = name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
        if (bare.contains("..") || !Files.isDirectory(directory(bare))) {
            throw new RepositoryNotFoundException(name);
        }
        return open(bare);
    }

    private ReceivePack receivePack(Repository repository) {
        var pack = new ReceivePack(repository);
        pack.setPostReceiveHook((receive, commands) -> pushesReceived.incrementAndGet());
        pack.setPreReceiveHook((receive, commands) -> {
            Consumer<Repository> change = beforeNextPush.getAndSet(null);
            if (change != null) {
                change.accept(receive.getRepository());
            }
        });
        pack.setAllowNonFastForwards(!denyNonFastForwards);
        return pack;
    }

    private static Filter basicAuth(String user, String token) {
        byte[] expected = ("Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
        return (request, response, chain) -> {
            var http = (HttpServletRequest) request;
            String header = http.getHeader("Authorization");
            if (header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
                chain.doFilter(
                        new HttpServletRequestWrapper(http) {
                            @Override
                            public String getRemoteUser() {
                                return user;
                            }
                        },
                        response);
                return;
            }
            var denied = (HttpServletResponse) response;
            denied.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
            denied.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        };
    }

    private static void addFilter(Context context, Filter filter) {
        var definition = new FilterDef();
        definition.setFilterName("basic-auth");
        definition.setFilter(filter);
        context.addFilterDef(definition);
        var mapping = new FilterMap();
        mapping.setFilterName("basic-auth");
        mapping.addURLPattern("/*");
        context.addFilterMap(mapping);
    }
}
