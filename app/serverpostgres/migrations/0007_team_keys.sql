-- Team keys (docs/server.md), as serversqlite's 0007_team_keys.sql: each team's field
-- key, wrapped (lockbox.Seal) by the server's master key, which lives in the key file
-- (--key-file), never in this database.
CREATE TABLE team_keys (
	team_id    text PRIMARY KEY REFERENCES teams(id),
	key_id     text NOT NULL,
	wrapped    bytea NOT NULL,
	created_at timestamptz NOT NULL
);
