-- An import's light entries carry no change id and no timestamps (issue 17,
-- outbox_light.go): a light entry gets its change id when it is first taken to be
-- pushed (sync_push.go, Take), in the transaction that marks it sent, so a resend
-- after an interrupted sync sends the same id. A change id is unique among the entries
-- that have one; created_at and updated_at are '' for a light entry never folded.
--
-- SQLite cannot drop NOT NULL from a column: the table is rebuilt, rows, positions
-- (seq) and the AUTOINCREMENT counter kept.
CREATE TABLE outbox_new (
	seq         INTEGER PRIMARY KEY AUTOINCREMENT,
	change_id   TEXT,
	entity      TEXT NOT NULL,
	record_id   TEXT NOT NULL,
	base_rev    INTEGER NOT NULL,
	rev         INTEGER NOT NULL,
	state       TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	sent_at     TEXT,
	status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'rejected')),
	error       TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO outbox_new(seq, change_id, entity, record_id, base_rev, rev, state, created_at, updated_at, sent_at, status, error)
	SELECT seq, change_id, entity, record_id, base_rev, rev, state, created_at, updated_at, sent_at, status, error
	FROM outbox ORDER BY seq;
DELETE FROM sqlite_sequence WHERE name = 'outbox_new';
INSERT INTO sqlite_sequence(name, seq) SELECT 'outbox_new', seq FROM sqlite_sequence WHERE name = 'outbox';
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
-- only entries that have a change id are indexed by it (none of an import's, until sent)
CREATE UNIQUE INDEX outbox_change ON outbox(change_id) WHERE change_id IS NOT NULL;
CREATE INDEX outbox_record ON outbox(entity, record_id) WHERE status = 'pending';
CREATE INDEX outbox_rejected ON outbox(entity, record_id) WHERE status = 'rejected';
