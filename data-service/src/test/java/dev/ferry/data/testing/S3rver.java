package dev.ferry.data.testing;

import dev.ferry.data.domain.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;

/**
 * s3rver, an S3-compatible server from npm (installed once under target/ by the test, like the dashboard's
 * playwright-core), started on 127.0.0.1 with one bucket and a temporary folder. It knows one access key id,
 * {@code S3RVER} (secret {@code S3RVER}), and refuses others.
 */
public record S3rver(Path folder, int port, Process server) implements AutoCloseable {

    public static final String BUCKET = "ferry-backups";
    private static final String PACKAGE = "s3rver@3.7.1";
    private static final Path NODE_DIRECTORY = Path.of("target", "s3rver-node");

    public static S3rver start() {
        try {
            Path bin = install();
            Path folder = Files.createTempDirectory("ferry-s3rver");
            int port = DebianPostgres.freePort();
            Process server = new ProcessBuilder(
                            bin.toString(),
                            "--directory",
                            folder.toString(),
                            "--address",
                            "127.0.0.1",
                            "--port",
                            String.valueOf(port),
                            "--configure-bucket",
                            BUCKET)
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("..")
                            .resolve(folder.getFileName() + ".log")
                            .toFile())
                    .start();
            Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                try (var socket = new Socket("127.0.0.1", port)) {
                    return socket.isConnected();
                }
            });
            return new S3rver(folder, port, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path install() {
        Path bin = NODE_DIRECTORY.resolve("node_modules").resolve(".bin").resolve("s3rver");
        if (!Files.isExecutable(bin)) {
            Shell.run(List.of(
                    "npm", "install", "--no-audit", "--no-fund", "--prefix", NODE_DIRECTORY.toString(), PACKAGE));
        }
        return bin.toAbsolutePath();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** {@code s3} for s3rver's key pair; anything else is unknown. */
    public static Credentials credentials() {
        return ref -> ref.equals("s3") ? Optional.of(new Credentials.Login("S3RVER", "S3RVER")) : Optional.empty();
    }

    @Override
    public void close() {
        Shell.stop(server, folder);
    }
}
