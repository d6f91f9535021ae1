package dev.ferry.testsupport;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
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
 * A real git smart-HTTP server on localhost for push and fetch tests: JGit's {@code GitServlet} in an embedded Tomcat,
 * serving the bare repositories under a directory, behind HTTP basic authentication with one user and token. Push
 * (receive-pack) is enabled. Repositories are addressed as {@code http://127.0.0.1:PORT/NAME.git}.
 */
public final class GitHttpTestServer implements AutoCloseable {

    private final Tomcat tomcat;
    private final Path repositories;
    private final int port;

    private GitHttpTestServer(Tomcat tomcat, Path repositories, int port) {
        this.tomcat = tomcat;
        this.repositories = repositories;
        this.port = port;
    }

    /** Starts a server on a free port serving {@code repositories}, accepting only {@code user}:{@code token}. */
    public static GitHttpTestServer start(Path repositories, String user, String token) throws IOException {
        Files.createDirectories(repositories);
        var tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("git-http-tomcat").toString());
        tomcat.setPort(0);
        tomcat.getConnector();
        Context context = tomcat.addContext("", null);

        var servlet = new GitServlet();
        servlet.setRepositoryResolver((request, name) -> open(repositories, name));
        servlet.setReceivePackFactory((request, repository) -> new ReceivePack(repository));
        Tomcat.addServlet(context, "git", servlet);
        context.addServletMappingDecoded("/*", "git");

        String expected =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
        Filter basicAuth = (request, response, chain) -> {
            var http = (HttpServletRequest) request;
            if (expected.equals(http.getHeader("Authorization"))) {
                chain.doFilter(request, response);
            } else {
                var denied = (HttpServletResponse) response;
                denied.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
                denied.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            }
        };
        var filter = new FilterDef();
        filter.setFilterName("basic-auth");
        filter.setFilter(basicAuth);
        context.addFilterDef(filter);
        var mapping = new FilterMap();
        mapping.setFilterName("basic-auth");
        mapping.addURLPatternDecoded("/*");
        context.addFilterMap(mapping);
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IOException("cannot start the git HTTP test server: " + e.getMessage(), e);
        }
        return new GitHttpTestServer(tomcat, repositories, tomcat.getConnector().getLocalPort());
    }

    private static Repository open(Path repositories, String name) throws RepositoryNotFoundException {
        Path directory = repositories.resolve(name).normalize();
        if (!directory.startsWith(repositories) || !Files.isDirectory(directory.resolve("objects"))) {
            throw new RepositoryNotFoundException(name);
        }
        try {
            return new FileRepositoryBuilder()
                    .setGitDir(directory.toFile())
                    .setMustExist(true)
                    .build();
        } catch (IOException e) {
            throw new RepositoryNotFoundException(name, e);
        }
    }

    /** Creates an empty bare repository {@code name} (e.g. {@code users.git}) with initial branch main. */
    public Path createRepository(String name) throws IOException {
        Path directory = repositories.resolve(name);
        try {
            Git.init()
                    .setBare(true)
                    .setInitialBranch("main")
                    .setDirectory(directory.toFile())
                    .call()
                    .close();
        } catch (GitAPIException e) {
            throw new IOException(e);
        }
        return directory;
    }

    /** The clone URL of repository {@code name}. */
    public URI url(String name) {
        return URI.create("http://127.0.0.1:" + port + "/" + name);
    }

    /** Where repository {@code name} lives on disk, to inspect what was pushed. */
    public Path directory(String name) {
        return repositories.resolve(name);
    }

    public String host() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }
}
