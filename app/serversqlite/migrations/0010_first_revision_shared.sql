-- A new record's first state stored once (issue 17, the server's push; docs/decisions.md):
-- a push of a new record wrote the same state twice, into the record's row and into its
-- first revision. A revision's state may now be NULL: it is then the state of the
-- team's record with that id (records, keyed (id, team_id)), which is at that rev.
-- The store keeps that true: before a record's state is replaced, its NULL revisions
-- get the state it had (serversqlite record.go, flush). Readers of a revision's state
-- read coalesce(state, the record's state). SQLite cannot drop a NOT NULL in place:
-- the table is rebuilt, its keys (pk) kept.
CREATE TABLE revisions_new (
	pk         INTEGER PRIMARY KEY,
	team_id    TEXT NOT NULL REFERENCES teams(id),
	record_id  TEXT NOT NULL,
	entity     TEXT NOT NULL,
	rev        INTEGER NOT NULL,
	state      TEXT,
	device_id  TEXT NOT NULL,
	change_id  TEXT NOT NULL,
	created_at TEXT NOT NULL
) STRICT;
INSERT INTO revisions_new(pk, team_id, record_id, entity, rev, state, device_id, change_id, created_at)
	SELECT pk, team_id, record_id, entity, rev, state, device_id, change_id, created_at FROM revisions ORDER BY pk;
DROP TABLE revisions;
ALTER TABLE revisions_new RENAME TO revisions;
CREATE INDEX revisions_record ON revisions(team_id, record_id, rev);
