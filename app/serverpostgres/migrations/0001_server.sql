-- The central server's schema on PostgreSQL: the same tables, columns and meaning as
-- serverstore/sqlite's 0001_server.sql. Every table that holds a team's data carries
-- team_id and every query names it. Times are timestamptz (microseconds, UTC).
--
-- Record and revision states are stored as `json`, not `jsonb`: json keeps the exact
-- bytes a device sent (key order, white space, number spelling) and still refuses text
-- that is not JSON. jsonb would reorder keys and reformat, and devices compare exports
-- byte for byte. Nothing queries inside a state, so jsonb's operators are not needed.

CREATE TABLE teams (
	id         text PRIMARY KEY,
	name       text NOT NULL,
	seq        bigint NOT NULL DEFAULT 0, -- the team's last sequence number (pull cursor)
	created_at timestamptz NOT NULL
);
-- Names are unique ignoring case (SQLite: COLLATE NOCASE).
CREATE UNIQUE INDEX teams_name_key ON teams (lower(name));

-- One-time enrolment codes, stored as SHA-256 hashes.
CREATE TABLE enrolments (
	code_hash  text PRIMARY KEY,
	team_id    text NOT NULL REFERENCES teams(id),
	created_at timestamptz NOT NULL,
	expires_at timestamptz NOT NULL,
	used_at    timestamptz,
	device_id  text
);

-- Enrolled laptops; only the hash of a device token is kept.
CREATE TABLE devices (
	id           text PRIMARY KEY,
	team_id      text NOT NULL REFERENCES teams(id),
	name         text NOT NULL,
	user_name    text NOT NULL DEFAULT '',
	token_hash   text NOT NULL UNIQUE,
	enrolled_at  timestamptz NOT NULL,
	revoked_at   timestamptz,
	last_seen_at timestamptz
);
CREATE INDEX devices_team ON devices (team_id, enrolled_at);

-- Each record's latest state. seq is its position in the team's change stream; the
-- unique (team_id, seq) index also serves pulls (team_id = $1 AND seq > $2 ORDER BY seq).
CREATE TABLE records (
	team_id    text NOT NULL REFERENCES teams(id),
	id         text NOT NULL,
	entity     text NOT NULL,
	rev        bigint NOT NULL,
	seq        bigint NOT NULL,
	state      json NOT NULL,
	device_id  text NOT NULL,
	updated_at timestamptz NOT NULL,
	PRIMARY KEY (team_id, id),
	CONSTRAINT records_team_seq UNIQUE (team_id, seq)
);
CREATE INDEX records_id ON records (id);

-- Every version of every record: history, audit trail and merge bases.
CREATE TABLE revisions (
	pk         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	team_id    text NOT NULL REFERENCES teams(id),
	record_id  text NOT NULL,
	entity     text NOT NULL,
	rev        bigint NOT NULL,
	state      json NOT NULL,
	device_id  text NOT NULL,
	change_id  text NOT NULL,
	created_at timestamptz NOT NULL
);
CREATE INDEX revisions_record ON revisions (team_id, record_id, rev, pk);

-- The answer given to each change id, so that a resent change gets the same answer.
CREATE TABLE change_results (
	team_id    text NOT NULL REFERENCES teams(id),
	change_id  text NOT NULL,
	device_id  text NOT NULL,
	result     json NOT NULL,
	created_at timestamptz NOT NULL,
	PRIMARY KEY (team_id, change_id)
);

-- Who did what: team changes, enrolments, revocations, pushes (one line per push).
CREATE TABLE audit (
	pk        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at        timestamptz NOT NULL,
	team_id   text NOT NULL,
	device_id text NOT NULL DEFAULT '',
	action    text NOT NULL,
	detail    text NOT NULL DEFAULT ''
);
CREATE INDEX audit_team ON audit (team_id, pk);
