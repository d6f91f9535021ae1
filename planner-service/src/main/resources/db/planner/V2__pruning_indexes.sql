-- Pruning (ferry.planner.retention) deletes by age: these keep it from scanning whole tables.
CREATE INDEX IF NOT EXISTS handled_event_by_age ON handled_event (handled_at);
CREATE INDEX IF NOT EXISTS github_delivery_by_age ON github_delivery (received_at);
