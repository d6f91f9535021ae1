package dev.ferry.planner.web;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.Actor;
import dev.ferry.contracts.avro.MigrationCommand;
import dev.ferry.planner.app.RunCoordinator;
import dev.ferry.planner.config.PlannerProperties;
import dev.ferry.planner.kafka.AvroEffectEncoder;
import dev.ferry.planner.security.CommandIssuers;
import dev.ferry.planner.security.CommandTokens.Verdict;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /migrations/{id}/commands}: the command API for callers that do not write to Kafka (a dashboard, a
 * chat bot). The caller's bearer token is verified here, so a bad one is told at once (401), and the command then goes
 * to {@code migration.commands} with the token, to be judged by the run like a command from the CLI: its roles,
 * the run's state, the audit log. Without an identity provider there is nobody to authenticate, and the API is closed,
 * unless {@code ferry.planner.security.http-commands-without-login} opens it for one machine: commands then come from
 * a local user on the {@code dashboard} channel, trusted as declared like commands on Kafka are then.
 */
@RestController
final class CommandController {
    static final String CHANNEL = "api";
    static final String LOCAL_CHANNEL = "dashboard";
    static final String LOCAL_USER = "local-user";

    private final CommandIssuers issuers;
    private final RunCoordinator coordinator;
    private final AvroEffectEncoder encoder;
    private final MetadataFactory metadata;
    private final boolean withoutLogin;

    CommandController(
            CommandIssuers issuers,
            RunCoordinator coordinator,
            AvroEffectEncoder encoder,
            Clock clock,
            PlannerProperties properties) {
        this.issuers = issuers;
        this.withoutLogin = properties.security().httpCommandsWithoutLogin();
        this.coordinator = coordinator;
        this.encoder = encoder;
        this.metadata = MetadataFactory.forProducer("planner-service-api", clock);
    }

    @PostMapping("/migrations/{id}/commands")
    ResponseEntity<Map<String, String>> command(
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody CommandRequest request) {
        if (!issuers.verifies() && withoutLogin) {
            return relayed(id, request, new Actor(LOCAL_USER, LOCAL_CHANNEL), null);
        }
        if (!issuers.verifies()) {
            return ResponseEntity.status(403)
                    .body(Map.of(
                            "error",
                            "this planner verifies no identities (ferry.planner.security.jwk-set-uri is not set), so"
                                    + " it takes commands only from Kafka"));
        }
        String token = CommandIssuers.bearer(authorization);
        Verdict verdict = issuers.verify(token);
        if (verdict instanceof Verdict.Refused refused) {
            try {
                request.payload();
            } catch (IllegalArgumentException invalid) {
                return ResponseEntity.badRequest().body(Map.of("error", invalid.getMessage()));
            }
            return ResponseEntity.status(401)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .body(Map.of("error", refused.reason()));
        }
        return relayed(id, request, new Actor(((Verdict.Verified) verdict).name(), CHANNEL), token);
    }

    private ResponseEntity<Map<String, String>> relayed(String id, CommandRequest request, Actor issuer, String token) {
        MigrationCommand command;
        try {
            command = MigrationCommand.newBuilder()
                    .setMetadata(metadata.first(id))
                    .setIssuedBy(issuer)
                    .setReason(request.reason())
                    .setToken(token)
                    .setCommand(request.payload())
                    .build();
        } catch (IllegalArgumentException invalid) {
            return ResponseEntity.badRequest().body(Map.of("error", invalid.getMessage()));
        }
        coordinator.relay(UUID.randomUUID().toString(), encoder.command(command));
        return ResponseEntity.accepted()
                .body(Map.of(
                        "commandId", command.getMetadata().getEventId().toString(),
                        "status", "/migrations/" + id,
                        "audit", "/migrations/" + id + "/audit"));
    }
}
