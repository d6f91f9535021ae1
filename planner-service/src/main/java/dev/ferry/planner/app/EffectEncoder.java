package dev.ferry.planner.app;

import dev.ferry.planner.domain.run.MigrationRun;
import dev.ferry.planner.domain.run.RunEffect;
import dev.ferry.planner.github.GithubDelivery;
import java.util.List;
import java.util.Map;

/** Turns a run's effects into the events that announce them (the Avro adapter). */
public interface EffectEncoder {

    /** @param parameters the run's start parameters (e.g. {@code sourceCommit}) */
    List<OutboxMessage> encode(MigrationRun run, Map<String, String> parameters, List<RunEffect> effects, Cause cause);

    /** The {@code github.webhooks} event announcing a verified delivery. */
    OutboxMessage webhook(GithubDelivery delivery);

    /** A command refused before any run could judge it (no such run, an invalid plan). */
    OutboxMessage rejection(String migrationId, String commandType, String reason, Cause cause);
}
