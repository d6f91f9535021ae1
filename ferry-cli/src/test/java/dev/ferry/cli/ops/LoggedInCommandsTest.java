package dev.ferry.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.cli.CliRun;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry login} stores who the CLI speaks as, in a context of its config file; every command then goes out with
 * that token, to the context's Kafka with its client settings.
 */
class LoggedInCommandsTest {
    private static final String ID = "9b2f6c1e-0d3a-4c51-8f7e-2b9d4e6a1c00";

    @TempDir
    Path temp;

    private final RecordingCommandBus bus = new RecordingCommandBus();

    private CliRun ferry(Map<String, String> variables, String... args) {
        var run = new CliRun().commandBusWith(bus::open);
        run.variable("FERRY_CONFIG", temp.resolve("config.yaml").toString());
        variables.forEach(run::variable);
        return run.run(args);
    }

    /** An unsigned token with the claims a provider would put in it (the CLI only reads them, to say who you are). */
    private static String token(String name, String... roles) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String claims = "{\"preferred_username\":\"" + name + "\",\"roles\":[\"" + String.join("\",\"", roles)
                + "\"],\"exp\":1796000000}";
        return base64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @Test
    void aTokenFromAFileIsStoredForItsOwnerOnlyAndSentWithEveryCommand() throws IOException {
        String token = token("pat", "approver:prod");
        Path file = Files.writeString(temp.resolve("token"), token + "\n");

        CliRun login = ferry(
                Map.of(),
                "login",
                "--token-file",
                file.toString(),
                "--context",
                "prod",
                "--bootstrap-servers",
                "kafka.prod:9093");

        assertThat(login.exitCode()).isZero();
        assertThat(login.out()).contains("logged in to context prod as pat (approver:prod), until 2026-11-30T");
        Path config = temp.resolve("config.yaml");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(config)).contains("current-context: prod", "kafka.prod:9093", token);

        CliRun approve = ferry(Map.of(), "approve", ID, "--phase", "deploy-prod", "--role", "devops");

        assertThat(approve.exitCode()).isZero();
        assertThat(bus.only().getToken()).isEqualTo(token);
        assertThat(bus.bootstrapServers).containsExactly("kafka.prod:9093");
        assertThat(approve.out() + approve.err()).doesNotContain(token);
    }

    @Test
    void ferryTokenWinsOverTheContextsAndTheContextsKafkaSettingsReachTheClient() throws IOException {
        Files.writeString(temp.resolve("config.yaml"), """
                current-context: staging
                contexts:
                  staging:
                    kafka:
                      bootstrap-servers: kafka.staging:9093
                      properties:
                        security.protocol: SASL_SSL
                        sasl.mechanism: SCRAM-SHA-512
                    token: from-the-context
                """);

        ferry(Map.of("FERRY_TOKEN", "from-ci"), "pause", ID);

        assertThat(bus.only().getToken()).isEqualTo("from-ci");
        assertThat(bus.connections.getFirst().properties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(bus.connections.getFirst().toString()).doesNotContain("SCRAM");
    }

    @Test
    void withoutALoginCommandsCarryNoToken() {
        ferry(Map.of(), "resume", ID);

        assertThat(bus.only().getToken()).isNull();
        assertThat(bus.bootstrapServers).containsExactly("localhost:9092");
    }

    @Test
    void aContextThatDoesNotExistIsNamedWithTheOnesThatDo() throws IOException {
        Files.writeString(temp.resolve("config.yaml"), "current-context: prod\ncontexts:\n  prod: {token: t}\n");

        CliRun run = ferry(Map.of("FERRY_CONTEXT", "prdo"), "pause", ID);

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("$FERRY_CONTEXT names context \"prdo\"", "has prod");
        assertThat(bus.published).isEmpty();
    }

    @Test
    void logsInAtTheIdentityProviderWithTheDeviceFlow() throws IOException {
        String token = token("dana", "developer");
        var polls = new AtomicInteger();
        List<String> deviceRequests = new ArrayList<>();
        HttpServer idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + idp.getAddress().getPort();
        idp.createContext(
                "/.well-known/openid-configuration",
                exchange -> answer(exchange, 200, """
                {"issuer": "%s", "device_authorization_endpoint": "%s/device", "token_endpoint": "%s/token"}""".formatted(base, base, base)));
        idp.createContext("/device", exchange -> {
            deviceRequests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(exchange, 200, """
                    {"device_code": "dev-123", "user_code": "WDJB-MJHT", "verification_uri": "%s/activate",
                     "expires_in": 600, "interval": 0}""".formatted(base));
        });
        idp.createContext("/token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!form.contains("device_code=dev-123")) {
                answer(exchange, 400, "{\"error\": \"invalid_grant\"}");
            } else if (polls.incrementAndGet() < 3) {
                answer(exchange, 400, "{\"error\": \"authorization_pending\"}");
            } else {
                answer(exchange, 200, "{\"access_token\": \"" + token + "\", \"token_type\": \"Bearer\"}");
            }
        });
        idp.start();
        try {
            CliRun login = ferry(Map.of(), "login", "--issuer", base, "--client-id", "ferry-cli");

            assertThat(login.exitCode()).isZero();
            assertThat(login.out())
                    .contains("To log in, open " + base + "/activate and enter the code WDJB-MJHT")
                    .contains("logged in to context default as dana (developer)");
            assertThat(deviceRequests).singleElement().asString().contains("client_id=ferry-cli", "scope=openid");
            assertThat(polls).hasValue(3);
            assertThat(Files.readString(temp.resolve("config.yaml"))).contains(token);
        } finally {
            idp.stop(0);
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
