-- The central server's schema (docs/server.md). Every table that holds a team's data
-- carries team_id and every query names it. Times are UTC, fixed-width RFC 3339 with
-- microseconds, so that text order is time order.

CREATE TABLE teams (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
	seq        INTEGER NOT NULL DEFAULT 0, -- the team's last sequence number (pull cursor)
	created_at TEXT NOT NULL
) STRICT;

-- One-time enrolment codes, stored as SHA-256 hashes.
CREATE TABLE enrolments (
	code_hash  TEXT PRIMARY KEY,
	team_id    TEXT NOT NULL REFERENCES teams(id),
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL,
	used_at    TEXT,
	device_id  TEXT
) STRICT;

-- Enrolled laptops; only the hash of a device token is kept.
CREATE TABLE devices (
	id           TEXT PRIMARY KEY,
	team_id      TEXT NOT NULL REFERENCES teams(id),
	name         TEXT NOT NULL,
	user_name    TEXT NOT NULL DEFAULT '',
	token_hash   TEXT NOT NULL UNIQUE,
	enrolled_at  TEXT NOT NULL,
	revoked_at   TEXT,
	last_seen_at TEXT
) STRICT;
CREATE INDEX devices_team ON devices(team_id, enrolled_at);

-- Each record's latest state. seq is its position in the team's change stream.
CREATE TABLE records (
	team_id    TEXT NOT NULL REFERENCES teams(id),
	id         TEXT NOT NULL,
	entity     TEXT NOT NULL,
	rev        INTEGER NOT NULL,
	seq        INTEGER NOT NULL,
	state      TEXT NOT NULL,
	device_id  TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (team_id, id)
) STRICT;
CREATE UNIQUE INDEX records_team_seq ON records(team_id, seq);
CREATE INDEX records_id ON records(id);

-- Every version of every record: history, audit trail and merge bases.
CREATE TABLE revisions (
	pk         INTEGER PRIMARY KEY,
	team_id    TEXT NOT NULL REFERENCES teams(id),
	record_id  TEXT NOT NULL,
	entity     TEXT NOT NULL,
	rev        INTEGER NOT NULL,
	state      TEXT NOT NULL,
	device_id  TEXT NOT NULL,
	change_id  TEXT NOT NULL,
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX revisions_record ON revisions(team_id, record_id, rev);

-- The answer given to each change id, so that a resent change gets the same answer.
CREATE TABLE change_results (
	team_id    TEXT NOT NULL REFERENCES teams(id),
	change_id  TEXT NOT NULL,
	device_id  TEXT NOT NULL,
	result     TEXT NOT NULL,
	created_at TEXT NOT NULL,
	PRIMARY KEY (team_id, change_id)
) STRICT, WITHOUT ROWID;

-- Who did what: team changes, enrolments, revocations, pushes (one line per push).
CREATE TABLE audit (
	pk        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	team_id   TEXT NOT NULL,
	device_id TEXT NOT NULL DEFAULT '',
	action    TEXT NOT NULL,
	detail    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_team ON audit(team_id, pk);
