-- Sync with the central server (docs/sync-protocol.md, "The device side").
-- Settings (server, token, team, cursor, last sync) are rows of meta, keys sync_*.

-- The server's last known state of each record: its revision and full state, as the
-- last push result or pull said. parked = 1: pulled, but not written to the record yet
-- because the session or project it points at has not arrived (a later page brings it;
-- each page retries the parked records).
CREATE TABLE sync_base (
	entity    TEXT NOT NULL,
	record_id TEXT NOT NULL,
	rev       INTEGER NOT NULL,
	state     TEXT NOT NULL,
	parked    INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (entity, record_id)
) STRICT;
CREATE INDEX sync_base_parked ON sync_base(entity) WHERE parked = 1;

-- Conflicts made by the server (entity "conflict", involve.Conflict): the same field
-- of a record changed on two devices. They sync like every other record. winner and
-- loser are involve.ConflictValue as JSON; base is the JSON value both started from.
CREATE TABLE conflicts (
	pk          INTEGER PRIMARY KEY,
	id          TEXT NOT NULL UNIQUE,
	entity      TEXT NOT NULL,
	record_id   TEXT NOT NULL,
	field       TEXT NOT NULL,
	base        TEXT NOT NULL DEFAULT 'null',
	winner      TEXT NOT NULL DEFAULT '{}',
	loser       TEXT NOT NULL DEFAULT '{}',
	status      TEXT NOT NULL DEFAULT 'open',
	resolution  TEXT NOT NULL DEFAULT '',
	resolved_at TEXT NOT NULL DEFAULT '',
	resolved_by TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL DEFAULT '',
	device_id   TEXT NOT NULL DEFAULT '',
	rev         INTEGER NOT NULL,
	deleted_at  TEXT,
	team_id     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX conflicts_status ON conflicts(status, created_at);
CREATE INDEX conflicts_record ON conflicts(entity, record_id);

-- "Does this record have a change waiting?" for every pulled record and push result
-- (sent or not: outbox_unsent covers only the unsent ones).
CREATE INDEX outbox_record ON outbox(entity, record_id) WHERE status = 'pending';
-- Rejected changes by record: a later edit of the record is based on what the server
-- has, not on the rejected change (outbox.go, enqueue).
CREATE INDEX outbox_rejected ON outbox(entity, record_id) WHERE status = 'rejected';
