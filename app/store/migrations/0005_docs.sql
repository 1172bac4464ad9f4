-- Records of outcome-led involvement (attendance tallies, attendee profiles, actions,
-- outcomes, contributors, rate cards, time and payment entries, consent records) are
-- kept as JSON documents in one table: they sync, export and merge exactly like the
-- core records, and each kind's rules live in its Go type (involve.Doc). The columns
-- beside the state are what lists, links and sync look up.
CREATE TABLE docs (
	pk          INTEGER PRIMARY KEY,
	id          TEXT NOT NULL UNIQUE,
	entity      TEXT NOT NULL,
	parent_id   TEXT NOT NULL DEFAULT '',
	title       TEXT NOT NULL DEFAULT '',
	state       TEXT NOT NULL CHECK (json_valid(state)),
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL DEFAULT '',
	device_id   TEXT NOT NULL DEFAULT '',
	rev         INTEGER NOT NULL,
	deleted_at  TEXT,
	team_id     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX docs_entity ON docs(entity, parent_id);
