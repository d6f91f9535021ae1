package dev.ferry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real OCI distribution registry for integration tests: Debian's {@code docker-registry} (the CNCF distribution
 * registry) started as a child process on loopback, on a free port, over plain HTTP, with its storage in a temporary
 * folder that is removed when it stops. Anonymous by default; with an htpasswd line it demands basic auth; with a
 * token realm it demands bearer tokens (the scheme of GHCR, Docker Hub, Harbor).
 *
 * <p>Debian's package is not started on install and its default configuration listens on every interface with
 * htpasswd auth, so this always runs it with its own configuration ({@code docker-registry serve CONFIG}).
 */
public final class OciTestRegistry implements AutoCloseable {

    /** Where Debian installs the binary; {@code .ci/run} installs the {@code docker-registry} package. */
    static final List<Path> BINARY_CANDIDATES =
            List.of(Path.of("/usr/bin/docker-registry"), Path.of("/usr/local/bin/docker-registry"));

    private static final Logger log = LoggerFactory.getLogger(OciTestRegistry.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static volatile OciTestRegistry shared;

    private final Process process;
    private final Path root;
    private final int port;

    private OciTestRegistry(Process process, Path root, int port) {
        this.process = process;
        this.root = root;
        this.port = port;
    }

    /** Whether the registry binary is installed here. */
    public static boolean isInstalled() {
        return binary() != null;
    }

    /** Skips the calling test, saying why, when the binary is missing (CI installs it, so there it never skips). */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(
                isInstalled(),
                "docker-registry is not installed (apt-get install -y docker-registry); looked in "
                        + BINARY_CANDIDATES);
    }

    /** The anonymous registry of this JVM, started on first use and stopped when the JVM exits. */
    public static OciTestRegistry shared() {
        if (shared == null) {
            synchronized (OciTestRegistry.class) {
                if (shared == null) {
                    OciTestRegistry registry = start();
                    Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "oci-registry-stop"));
                    shared = registry;
                }
            }
        }
        return shared;
    }

    /** A new anonymous registry; close it to stop it and delete its storage. */
    public static OciTestRegistry start() {
        return start(root -> "");
    }

    /**
     * A new registry that demands basic auth for the users of {@code htpasswd} (lines {@code user:bcrypt-hash}, as
     * written by {@code htpasswd -B}).
     */
    public static OciTestRegistry startWithHtpasswd(String htpasswd) {
        return start(root -> {
            Path file = root.resolve("htpasswd");
            Files.writeString(file, htpasswd.endsWith("\n") ? htpasswd : htpasswd + "\n");
            return "auth:\n  htpasswd:\n    realm: ferry-test\n    path: " + file + "\n";
        });
    }

    /**
     * A new registry that demands bearer tokens ({@code auth: token:}): it answers 401 with a challenge naming
     * {@code realm} and {@code service}, and accepts only JWTs issued by {@code issuer} for audience {@code service},
     * signed by a key whose certificate is in {@code rootCertificatesPem} (sent in the token's {@code x5c} header).
     */
    public static OciTestRegistry startWithTokenAuth(
            URI realm, String service, String issuer, String rootCertificatesPem) {
        return start(root -> {
            Path bundle = root.resolve("token-roots.pem");
            Files.writeString(bundle, rootCertificatesPem);
            return "auth:\n  token:\n    realm: " + realm + "\n    service: " + service + "\n    issuer: " + issuer
                    + "\n    rootcertbundle: " + bundle + "\n";
        });
    }

    /** Writes what the {@code auth:} section needs into the registry's folder and returns the section. */
    @FunctionalInterface
    private interface AuthSection {
        String write(Path root) throws IOException;
    }

    private static OciTestRegistry start(AuthSection authSection) {
        Path binary = binary();
        if (binary == null) {
            throw new IllegalStateException("docker-registry is not installed; apt-get install -y docker-registry");
        }
        try {
            Path root = Files.createTempDirectory("oci-registry-");
            int port = freePort();
            Path config = root.resolve("config.yml");
            String auth = authSection.write(root);
            Files.writeString(config, config(root, port, auth));
            Process process = new ProcessBuilder(binary.toString(), "serve", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(root.resolve("registry.log").toFile())
                    .start();
            var registry = new OciTestRegistry(process, root, port);
            registry.awaitReady();
            log.info("oci test registry ready host={} auth={}", registry.host(), !auth.isEmpty());
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start docker-registry", e);
        }
    }

    private static String config(Path root, int port, String auth) {
        return """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                %s""".formatted(root.resolve("storage"), port, auth);
    }

    /** {@code 127.0.0.1:PORT}, the registry part of image references. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI uri() {
        return URI.create("http://" + host());
    }

    /** The registry's own log, for a failing test's message. */
    public String log() {
        try {
            return Files.readString(root.resolve("registry.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteRecursively(root);
    }

    private void awaitReady() {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(uri().resolve("/v2/")).GET().build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited with " + process.exitValue() + ": " + log());
            }
            try {
                int status = client.send(ping, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (IOException notYetListening) {
                // The process is still starting; ask again shortly.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for docker-registry", e);
            }
            pauseBriefly();
        }
        close();
        throw new IllegalStateException("docker-registry did not answer on " + uri() + " within " + READY_TIMEOUT);
    }

    private static void pauseBriefly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path binary() {
        return BINARY_CANDIDATES.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("cannot delete registry storage dir={} error={}", directory, e.getMessage());
        }
    }
}
