package dev.ferry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real Prometheus for integration tests: Debian's {@code prometheus} started as a child process on a free loopback
 * port, with its TSDB in a temporary folder removed when it stops, scraping the given targets every
 * {@code scrapeInterval}. The binary is required: a test that needs it fails (never skips) where it is missing, and
 * {@code .ci/run} installs it.
 */
public final class PrometheusTestServer implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path root;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusTestServer(Process process, Path root, int port) {
        this.process = process;
        this.root = root;
        this.port = port;
    }

    /**
     * Starts Prometheus scraping {@code target} ({@code 127.0.0.1:PORT}, path {@code /metrics}) and waits until it is
     * ready.
     */
    public static PrometheusTestServer start(String target, Duration scrapeInterval) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing; install Debian's prometheus package"
                    + " (apt-get install -y prometheus), as .ci/run does");
        }
        try {
            Path root = Files.createTempDirectory("ferry-prometheus-");
            Path config = root.resolve("prometheus.yml");
            String interval = scrapeInterval.toMillis() + "ms";
            Files.writeString(config, """
                    global:
                      scrape_interval: %s
                      evaluation_interval: %s
                    scrape_configs:
                      - job_name: app
                        static_configs:
                          - targets: ['%s']
                    """.formatted(interval, interval, target));
            int port = freePort();
            Process process = new ProcessBuilder(
                            BINARY.toString(),
                            "--config.file=" + config,
                            "--storage.tsdb.path=" + root.resolve("data"),
                            "--web.listen-address=127.0.0.1:" + port,
                            "--log.level=warn")
                    .redirectErrorStream(true)
                    .redirectOutput(root.resolve("prometheus.log").toFile())
                    .start();
            var server = new PrometheusTestServer(process, root, port);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
    }

    /** The base URL whose {@code /api/v1/query} answers PromQL. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The body of an instant query, for a test's own waiting on what Prometheus has scraped. */
    public String query(String promql) {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** Stops the process (as a crash would, for a test that needs Prometheus gone) and keeps its files. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind costs only space.
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "prometheus exited with " + process.exitValue() + "; see " + root.resolve("prometheus.log"));
            }
            try {
                HttpResponse<String> ready = http.send(
                        HttpRequest.newBuilder(url().resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for prometheus", e);
            }
            pauseBriefly();
        }
        kill();
        throw new IllegalStateException(
                "prometheus was not ready within " + READY_TIMEOUT + "; see " + root.resolve("prometheus.log"));
    }

    /** Between two looks at a starting process, as the registry fixture does. */
    private static void pauseBriefly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(url().resolve(path)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
