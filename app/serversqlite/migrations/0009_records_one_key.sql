-- One key for a record instead of two (issue 17, the push; docs/decisions.md): the
-- table's key was (team_id, id) and records_id indexed id alone (a record's id is
-- looked up across teams: GetRecord, Prefetch). Keyed (id, team_id), one index serves
-- both, and every record a push writes costs one B-tree fewer (four: the table, this
-- key, records_team_seq, records_team_entity_id). ON CONFLICT(team_id, id) names the
-- same key (SQLite matches the columns in any order). The table is rebuilt in id order.
CREATE TABLE records_new (
	team_id    TEXT NOT NULL REFERENCES teams(id),
	id         TEXT NOT NULL,
	entity     TEXT NOT NULL,
	rev        INTEGER NOT NULL,
	seq        INTEGER NOT NULL,
	state      TEXT NOT NULL,
	device_id  TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (id, team_id)
) STRICT;
INSERT INTO records_new(team_id, id, entity, rev, seq, state, device_id, updated_at)
	SELECT team_id, id, entity, rev, seq, state, device_id, updated_at FROM records ORDER BY id, team_id;
DROP TABLE records;
ALTER TABLE records_new RENAME TO records;
CREATE UNIQUE INDEX records_team_seq ON records(team_id, seq);
CREATE INDEX records_team_entity_id ON records(team_id, entity, id);
