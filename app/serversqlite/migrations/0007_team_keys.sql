-- Team keys (docs/server.md): each team's field key, which seals the identifying
-- fields of its records (involve.SealedFields), wrapped (lockbox.Seal) by the server's
-- master key. The master key lives in the key file (--key-file), never in this
-- database: a copy of the database alone opens no sealed field.
CREATE TABLE team_keys (
	team_id    TEXT PRIMARY KEY REFERENCES teams(id),
	key_id     TEXT NOT NULL,
	wrapped    BLOB NOT NULL,
	created_at TEXT NOT NULL
) STRICT;
