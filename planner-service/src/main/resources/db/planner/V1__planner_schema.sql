-- planner-service state, version 1. Written idempotent: a database the planner made before it used Flyway (the
-- tables, no history) is taken as version 0, and this migration then changes nothing there.
CREATE TABLE IF NOT EXISTS migration (
    id            TEXT PRIMARY KEY,
    plan_name     TEXT NOT NULL,
    plan_document TEXT NOT NULL,
    parameters    TEXT NOT NULL,
    origin        TEXT,
    state         TEXT NOT NULL,
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    updated_at    TIMESTAMPTZ NOT NULL
);

-- The inputs each run handled, in order: replaying them rebuilds the run.
CREATE TABLE IF NOT EXISTS run_input (
    migration_id TEXT NOT NULL REFERENCES migration (id),
    sequence     INTEGER NOT NULL,
    event_id     TEXT NOT NULL,
    input        TEXT NOT NULL,
    handled_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (migration_id, sequence)
);

-- One row per command or event handled: a second delivery of the same event id is dropped.
CREATE TABLE IF NOT EXISTS handled_event (
    event_id   TEXT PRIMARY KEY,
    handled_at TIMESTAMPTZ NOT NULL
);

-- Transactional outbox, relayed to Kafka by Debezium in `position` order.
CREATE TABLE IF NOT EXISTS outbox (
    position   BIGSERIAL PRIMARY KEY,
    id         UUID NOT NULL UNIQUE,
    topic      TEXT NOT NULL,
    record_key TEXT NOT NULL,
    payload    BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- Verified GitHub deliveries, whole: the event on github.webhooks carries the payload only when it fits a record.
CREATE TABLE IF NOT EXISTS github_delivery (
    delivery_id TEXT PRIMARY KEY,
    event_type  TEXT NOT NULL,
    repository  TEXT NOT NULL,
    payload     TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL
);

-- Every command someone issued, applied or refused, with who, their verified roles and why: written in the
-- transaction of the change (or refusal) and never changed. The trigger refuses UPDATE and DELETE, so even the
-- planner's own database user cannot rewrite who approved what.
CREATE TABLE IF NOT EXISTS command_audit (
    position    BIGSERIAL PRIMARY KEY,
    migration_id TEXT NOT NULL,
    command_id  TEXT NOT NULL,
    command     TEXT NOT NULL,
    issued_by   TEXT NOT NULL,
    roles       TEXT,
    applied     BOOLEAN NOT NULL,
    reason      TEXT,
    recorded_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS command_audit_by_run ON command_audit (migration_id, position);
CREATE OR REPLACE FUNCTION command_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'command_audit is append-only: % refused', TG_OP;
END;
$$;
DROP TRIGGER IF EXISTS command_audit_append_only ON command_audit;
CREATE TRIGGER command_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON command_audit
    FOR EACH STATEMENT EXECUTE FUNCTION command_audit_is_append_only();
