package dev.ferry.cli.ops;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.Actor;
import dev.ferry.contracts.avro.MigrationCommand;
import java.time.Clock;
import java.util.Objects;

/**
 * Makes the {@link MigrationCommand} records a person issues from the CLI: fresh metadata (a new event id and trace,
 * no cause), the issuer, the reason and one of the command union's payloads.
 */
public final class CommandRecords {

    /** Producer name in the records' metadata. */
    public static final String PRODUCER = "ferry-cli";

    private final MetadataFactory metadata;
    private final Actor issuer;
    private final String token;

    private CommandRecords(MetadataFactory metadata, Actor issuer, String token) {
        this.metadata = metadata;
        this.issuer = issuer;
        this.token = token;
    }

    public static CommandRecords issuedBy(Actor issuer, Clock clock) {
        return issuedBy(issuer, null, clock);
    }

    /** @param token the issuer's signed token, which the planner verifies; null when it trusts commands as declared */
    public static CommandRecords issuedBy(Actor issuer, String token, Clock clock) {
        return new CommandRecords(MetadataFactory.forProducer(PRODUCER, clock), Objects.requireNonNull(issuer), token);
    }

    /**
     * @param payload one of StartMigration, ApprovePhase, PauseMigration, ResumeMigration, AbortMigration,
     *     RetryFailedSteps, RollbackService
     * @param reason the issuer's words, or null
     */
    public MigrationCommand command(String migrationId, Object payload, String reason) {
        return MigrationCommand.newBuilder()
                .setMetadata(metadata.first(migrationId))
                .setIssuedBy(Actor.newBuilder(issuer).build())
                .setReason(reason)
                .setToken(token)
                .setCommand(payload)
                .build();
    }
}
