-- Core records of the capture foundation. Every synced table carries the sync fields
-- of DESIGN §4. pk is a stable integer key (the FTS index refers to it; an implicit
-- rowid could be renumbered by VACUUM); id is the UUID that crosses devices.

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

CREATE TABLE projects (
	pk           INTEGER PRIMARY KEY,
	id           TEXT NOT NULL UNIQUE,
	name         TEXT NOT NULL,
	lead         TEXT NOT NULL DEFAULT '',
	funder       TEXT NOT NULL DEFAULT '',
	start_date   TEXT NOT NULL DEFAULT '',
	end_date     TEXT NOT NULL DEFAULT '',
	aim          TEXT NOT NULL DEFAULT '',
	core20plus5  TEXT NOT NULL DEFAULT '[]',
	plus_groups  TEXT NOT NULL DEFAULT '[]',
	boroughs     TEXT NOT NULL DEFAULT '[]',
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	created_by   TEXT NOT NULL DEFAULT '',
	device_id    TEXT NOT NULL DEFAULT '',
	rev          INTEGER NOT NULL,
	deleted_at   TEXT,
	team_id      TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE sessions (
	pk                INTEGER PRIMARY KEY,
	id                TEXT NOT NULL UNIQUE,
	project_id        TEXT REFERENCES projects(id) DEFERRABLE INITIALLY DEFERRED,
	title             TEXT NOT NULL,
	date              TEXT NOT NULL,
	start_time        TEXT NOT NULL DEFAULT '',
	end_time          TEXT NOT NULL DEFAULT '',
	type              TEXT NOT NULL DEFAULT '',
	mode              TEXT NOT NULL DEFAULT '',
	venue             TEXT NOT NULL DEFAULT '',
	borough           TEXT NOT NULL DEFAULT '',
	host_partner      TEXT NOT NULL DEFAULT '',
	target_groups     TEXT NOT NULL DEFAULT '',
	purpose           TEXT NOT NULL DEFAULT '',
	intended_outcome  TEXT NOT NULL DEFAULT '',
	involvement_level TEXT NOT NULL DEFAULT '',
	engagement_stage  TEXT NOT NULL DEFAULT '',
	standards         TEXT NOT NULL DEFAULT '[]',
	access_support    TEXT NOT NULL DEFAULT '[]',
	facilitators      TEXT NOT NULL DEFAULT '',
	leps_present      TEXT NOT NULL DEFAULT '',
	status            TEXT NOT NULL DEFAULT 'planned',
	went_well         TEXT NOT NULL DEFAULT '',
	to_improve        TEXT NOT NULL DEFAULT '',
	attendees         INTEGER NOT NULL DEFAULT 0,
	notes             TEXT NOT NULL DEFAULT '',
	notes_updated_at  TEXT NOT NULL DEFAULT '',
	created_at        TEXT NOT NULL,
	updated_at        TEXT NOT NULL,
	created_by        TEXT NOT NULL DEFAULT '',
	device_id         TEXT NOT NULL DEFAULT '',
	rev               INTEGER NOT NULL,
	deleted_at        TEXT,
	team_id           TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sessions_date ON sessions(date DESC, updated_at DESC);
CREATE INDEX sessions_project ON sessions(project_id);

CREATE TABLE themes (
	pk          INTEGER PRIMARY KEY,
	id          TEXT NOT NULL UNIQUE,
	label       TEXT NOT NULL,
	archived    INTEGER NOT NULL DEFAULT 0,
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL DEFAULT '',
	device_id   TEXT NOT NULL DEFAULT '',
	rev         INTEGER NOT NULL,
	deleted_at  TEXT,
	team_id     TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE feedback (
	pk             INTEGER PRIMARY KEY,
	id             TEXT NOT NULL UNIQUE,
	session_id     TEXT NOT NULL REFERENCES sessions(id) DEFERRABLE INITIALLY DEFERRED,
	source         TEXT NOT NULL,
	text           TEXT NOT NULL,
	rating         INTEGER CHECK (rating BETWEEN 0 AND 5),
	themes         TEXT NOT NULL DEFAULT '[]',
	quote_consent  INTEGER NOT NULL DEFAULT 0,
	needs_response INTEGER NOT NULL DEFAULT 0,
	age_band       TEXT NOT NULL DEFAULT '',
	ethnic_group   TEXT NOT NULL DEFAULT '',
	borough        TEXT NOT NULL DEFAULT '',
	captured_by    TEXT NOT NULL DEFAULT '',
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL,
	created_by     TEXT NOT NULL DEFAULT '',
	device_id      TEXT NOT NULL DEFAULT '',
	rev            INTEGER NOT NULL,
	deleted_at     TEXT,
	team_id        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX feedback_session ON feedback(session_id, created_at);
CREATE INDEX feedback_created ON feedback(created_at);

-- Every local mutation writes an outbox entry in the same transaction (DESIGN §5).
-- Entries not yet sent are coalesced per record: base_rev stays the rev the server
-- last saw, rev and state move on.
CREATE TABLE outbox (
	seq         INTEGER PRIMARY KEY AUTOINCREMENT,
	change_id   TEXT NOT NULL UNIQUE,
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
CREATE INDEX outbox_unsent ON outbox(entity, record_id) WHERE sent_at IS NULL AND status = 'pending';
