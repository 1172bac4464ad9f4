-- Purged records (docs/sync-protocol.md "Purging deleted records"): a tombstone past
-- its team's period for deleted records is removed with its revisions, change results
-- and conflicts. Only its id is kept here, with the sequence number the tombstone had:
-- a pull from before that number tells the laptop to remove the record too, and a
-- later change of it is refused. No content is kept.
CREATE TABLE purged_records (
	team_id   TEXT NOT NULL REFERENCES teams(id),
	id        TEXT NOT NULL,
	entity    TEXT NOT NULL,
	seq       INTEGER NOT NULL,
	purged_at TEXT NOT NULL,
	PRIMARY KEY (team_id, id)
) STRICT;
CREATE INDEX purged_records_seq ON purged_records(team_id, seq);
